/* csvout.c: CSV fields per RFC 4180, quoted by libcsv when needed. */
#include <csv.h>
#include <string.h>

#include "gazette.h"

void
csv_put(struct buf *b, const char *s, size_t n)
{
	size_t i, need;

	for (i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			break;
	/* Spaces at either end are data too; many readers (libcsv among
	 * them) trim them unless quoted. */
	if (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		i = 0;
	if (i == n) {
		buf_add(b, s, n);
		return;
	}
	/* csv_write with no room reports the size it needs. */
	need = csv_write(NULL, 0, s, n);
	buf_reserve(b, need);
	b->len += csv_write(b->p + b->len, need, s, n);
}
