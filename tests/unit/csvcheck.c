/*
 * csvcheck: parses CSV on standard input with libcsv (strict mode) and
 * writes the fields back as a TSV stream, so a test can compare what
 * to-csv wrote with what it read.  A leading UTF-8 BOM is skipped.
 * Exit 1 when libcsv rejects the input.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

static struct buf row;
static int nfield;

static void
on_field(void *s, size_t n, void *data)
{
	(void)data;
	if (nfield++)
		buf_addc(&row, '\t');
	{
		/* Escape for the TSV stream. */
		const char *p = s;
		size_t i;

		for (i = 0; i < n; i++) {
			switch (p[i]) {
			case '\t': buf_adds(&row, "\\t"); break;
			case '\n': buf_adds(&row, "\\n"); break;
			case '\r': buf_adds(&row, "\\r"); break;
			case '\\': buf_adds(&row, "\\\\"); break;
			default: buf_addc(&row, p[i]);
			}
		}
	}
}

static void
on_row(int c, void *data)
{
	(void)c;
	(void)data;
	fwrite(row.p, 1, row.len, stdout);
	putchar('\n');
	buf_reset(&row);
	nfield = 0;
}

int
main(void)
{
	struct csv_parser p;
	char chunk[7];    /* small, so that fields cross chunk borders */
	size_t n, total = 0;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return 2;
	buf_reserve(&row, 64);
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		const char *s = chunk;

		if (total == 0 && n >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0) {
			s += 3;
			n -= 3;
		}
		total += n + 1;
		if (csv_parse(&p, s, n, on_field, on_row, NULL) != n) {
			fprintf(stderr, "csvcheck: %s\n", csv_strerror(csv_error(&p)));
			return 1;
		}
	}
	if (csv_fini(&p, on_field, on_row, NULL) != 0) {
		fprintf(stderr, "csvcheck: %s\n", csv_strerror(csv_error(&p)));
		return 1;
	}
	csv_free(&p);
	return 0;
}
