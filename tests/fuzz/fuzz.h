/*
 * fuzz.h: what the fuzz targets of tests/fuzz share.
 *
 * Each target is one .c file with LLVMFuzzerInitialize and
 * LLVMFuzzerTestOneInput.  Built with clang and -fsanitize=fuzzer it
 * is a libFuzzer binary (make fuzz); built with the ordinary compiler
 * and replay.c it replays files, which is how make check runs the
 * regression inputs in tests/fuzz/regress without clang.
 *
 * A target that finds a broken promise (output that is no stream, an
 * exit status outside 0/1/2) calls fuzz_fail, which aborts: libFuzzer
 * and the sanitizers report an abort like a crash and keep the input.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gazette.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Standard output as the process had it, to restore after a capture. */
static FILE *fuzz_real_stdout;

/*
 * Silences the library's diagnostics: they go to stderr, which would
 * bury libFuzzer's own lines.  glibc lets a program assign stderr; the
 * sanitizers and libFuzzer write to descriptor 2 or to the FILE they
 * took at start, so their reports still show.  FUZZ_VERBOSE=1 keeps
 * the diagnostics, to read what a tool said about a crashing input.
 */
static inline void
fuzz_init(const char *prog)
{
	diag_init(prog);
	fuzz_real_stdout = stdout;
	if (getenv("FUZZ_VERBOSE") == NULL) {
		FILE *null = fopen("/dev/null", "w");

		if (null != NULL)
			stderr = null;
	}
}

/* Reports a broken promise on descriptor 2 and aborts. */
static inline void GZ_PRINTF(1, 2)
fuzz_fail(const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof msg - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n > sizeof msg - 2)
		n = (int)sizeof msg - 2;
	msg[n++] = '\n';
	if (write(2, "fuzz: ", 6) < 0 || write(2, msg, (size_t)n) < 0)
		abort();
	abort();
}

/* A read stream over data[0..size), as a file operand would be. */
static inline FILE *
fuzz_open_input(const uint8_t *data, size_t size)
{
	static uint8_t empty[1];
	FILE *fp;

	/* fmemopen only reads in "r" mode; the cast drops nothing.  With
	 * a NULL buffer it would allocate one instead. */
	fp = fmemopen((void *)(uintptr_t)(data ? data : empty), size, "r");

	if (fp == NULL)
		fuzz_fail("fmemopen failed");
	return fp;
}

/* What a run wrote to stdout. */
struct fuzz_capture {
	char *p;
	size_t len;
};

/* Points stdout at memory until fuzz_capture_end; a tool that closes
 * stdout itself (diag_finish) leaves it to fuzz_capture_end(c, 1). */
static inline void
fuzz_capture_begin(struct fuzz_capture *c)
{
	c->p = NULL;
	c->len = 0;
	stdout = open_memstream(&c->p, &c->len);
	if (stdout == NULL)
		fuzz_fail("open_memstream failed");
}

static inline void
fuzz_capture_end(struct fuzz_capture *c, int closed)
{
	if (!closed && fclose(stdout) != 0)
		fuzz_fail("closing the captured stdout failed");
	stdout = fuzz_real_stdout;
}

static inline void
fuzz_capture_free(struct fuzz_capture *c)
{
	free(c->p);
	c->p = NULL;
	c->len = 0;
}

static inline int
fuzz_is_utf8(const char *s, size_t n)
{
	return utf8_valid_prefix((const unsigned char *)s, n, 1) == n;
}

/*
 * Checks that out[0..len) is a gazette stream (SPEC "Streams") with
 * exactly the columns named, as the next tool of the pipeline will read
 * it: every row parses, with as many fields as the header.  With cols
 * NULL any header does.  Returns the number of rows.
 */
static inline long
fuzz_check_stream(const char *what, const char *out, size_t len,
    const char *const *cols, int ncols)
{
	struct tsv_reader r;
	FILE *fp = fuzz_open_input((const uint8_t *)out, len);
	long rows = 0;
	int rc, i;

	if (tsv_open(&r, fp, what) < 0)
		fuzz_fail("%s: output has no valid header", what);
	if (cols != NULL && r.ncols != ncols)
		fuzz_fail("%s: output header has %d columns, want %d", what, r.ncols, ncols);
	for (i = 0; cols != NULL && i < ncols; i++)
		if (strcmp(r.names[i], cols[i]) != 0)
			fuzz_fail("%s: output column %d is %s, want %s", what, i + 1,
			    r.names[i], cols[i]);
	while ((rc = tsv_read_row(&r)) > 0)
		rows++;
	if (rc < 0)
		fuzz_fail("%s: output line %ld is not a valid stream row", what, r.lineno);
	tsv_close(&r);
	fclose(fp);
	return rows;
}

#endif
