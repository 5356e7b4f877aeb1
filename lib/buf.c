/* buf.c: growable byte buffers.  Callers keep one per record kind and
 * reset it, so the steady state allocates nothing. */
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

void
buf_reserve(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t cap;

	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->p = erealloc(b->p, cap);
	b->cap = cap;
}

void
buf_add(struct buf *b, const void *s, size_t n)
{
	buf_reserve(b, n);
	if (n > 0)
		memcpy(b->p + b->len, s, n);
	b->len += n;
}

void
buf_addc(struct buf *b, int c)
{
	buf_reserve(b, 1);
	b->p[b->len++] = (char)c;
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

const char *
buf_cstr(struct buf *b)
{
	buf_reserve(b, 0);
	b->p[b->len] = '\0';
	return b->p;
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void
buf_flush(struct buf *b, FILE *fp)
{
	if (b->len > 0)
		fwrite(b->p, 1, b->len, fp);
	b->len = 0;
}
