/* operands.c: the loop every tool runs over its file operands, after
 * mblaze's: no operands or "-" is standard input; a file that cannot be
 * opened is reported and skipped; a write error stops the loop. */
#include <errno.h>
#include <string.h>

#include "gazette.h"

int
gz_foreach_file(int argc, char **argv, int first, int (*fn)(FILE *fp, const char *src))
{
	int i, status = EXIT_OK, st;

	if (first >= argc)
		return fn(stdin, "<stdin>");
	for (i = first; i < argc; i++) {
		FILE *fp;
		const char *src = diag_srcname(argv[i]);

		if (strcmp(argv[i], "-") == 0) {
			fp = stdin;
		} else if ((fp = fopen(argv[i], "rb")) == NULL) {
			diag_msg(src, 0, "cannot open: %s", strerror(errno));
			status = EXIT_USAGE;
			continue;
		}
		st = fn(fp, src);
		if (st > status)
			status = st;
		if (fp != stdin)
			fclose(fp);
		if (ferror(stdout))
			break;
	}
	return status;
}
