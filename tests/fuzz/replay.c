/*
 * replay.c: a main for a fuzz target without libFuzzer, so that the
 * ordinary compiler builds it and make check can run the regression
 * inputs of tests/fuzz/regress: each file named is read whole and
 * passed to LLVMFuzzerTestOneInput once.  A broken promise aborts, a
 * sanitizer report (make check SANITIZE=1) fails the run; exit status
 * 0 means every input went through, 2 that a file could not be read.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	struct buf *in = ecalloc((size_t)argc, sizeof *in);
	int i;

	/* Read every file first: the target silences stderr. */
	for (i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "rb");
		char chunk[65536];
		size_t n;

		if (fp == NULL) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			return 2;
		}
		while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
			buf_add(&in[i], chunk, n);
		if (ferror(fp)) {
			fprintf(stderr, "replay: %s: read error\n", argv[i]);
			return 2;
		}
		fclose(fp);
	}
	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		/* Like libFuzzer, hand over exactly the bytes, in memory of
		 * their own size, so that ASan sees reads past the end. */
		uint8_t *copy = emalloc(in[i].len);

		if (in[i].len > 0)
			memcpy(copy, in[i].p, in[i].len);
		LLVMFuzzerTestOneInput(copy, in[i].len);
		free(copy);
		buf_free(&in[i]);
	}
	free(in);
	return 0;
}
