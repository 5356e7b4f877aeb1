/* csvout.c: CSV fields per RFC 4180, quoted by libcsv when needed. */
#include <csv.h>
#include <string.h>

#include "gazette.h"

size_t
csv_plain_len(const char *s, size_t n)
{
	size_t i = 0;

#ifdef UTF8_VEC
	/* Thirty-two bytes a step with GNU C vectors: a byte is flagged
	 * when, less one (NUL becomes FF), it is at most 0x2B: the four
	 * bytes sought are among 01-2C, with the other controls, the
	 * space and !#$%&'()*+, false alarms that the bytes of the step,
	 * looked at in turn, clear. */
	typedef unsigned char u8x16 __attribute__((vector_size(16)));
	typedef uint64_t u64x2 __attribute__((vector_size(16)));
	static const u8x16 one = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
	    top = {0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B, 0x2B};

	for (; n - i >= 32; i += 32) {
		u8x16 a, b, f;
		u64x2 t;
		size_t j;

		memcpy(&a, s + i, 16);
		memcpy(&b, s + i + 16, 16);
		f = (u8x16)(((u8x16)(a - one) <= top) | ((u8x16)(b - one) <= top));
		t = (u64x2)f;
		if ((t[0] | t[1]) == 0)
			continue;
		for (j = i; j < i + 32; j++)
			if (s[j] == ',' || s[j] == '"' || s[j] == '\n' || s[j] == '\r')
				return j;
	}
#else
	/* Sixteen bytes at a time while all are non-ASCII (Chinese
	 * text), then eight at a time while none is ASCII below 0x10 (LF,
	 * CR, a false alarm for the other controls), '"' or ','.  x has
	 * the top bits cleared so that no sum carries into the next byte:
	 * the top bit of x + 0x70 says x >= 0x10, that of (x ^ c) + 0x7F
	 * says x != c.  The exact test goes on from a flagged word. */
	for (; n - i >= 16; i += 16) {
		uint64_t w, w2;

		memcpy(&w, s + i, 8);
		memcpy(&w2, s + i + 8, 8);
		if ((w & w2 & UINT64_C(0x8080808080808080)) != UINT64_C(0x8080808080808080))
			break;
	}
#endif
	for (; n - i >= 8; i += 8) {
		uint64_t w, x;

		memcpy(&w, s + i, 8);
		if ((w & UINT64_C(0x8080808080808080)) == UINT64_C(0x8080808080808080))
			continue;
		x = w & UINT64_C(0x7F7F7F7F7F7F7F7F);
		if ((~((x + UINT64_C(0x7070707070707070)) &
		    ((x ^ UINT64_C(0x2222222222222222)) + UINT64_C(0x7F7F7F7F7F7F7F7F)) &
		    ((x ^ UINT64_C(0x2C2C2C2C2C2C2C2C)) + UINT64_C(0x7F7F7F7F7F7F7F7F))) &
		    ~w & UINT64_C(0x8080808080808080)) != 0)
			break;
	}
	for (; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			break;
	return i;
}

void
csv_put(struct buf *b, const char *s, size_t n)
{
	size_t i, need;

	i = csv_plain_len(s, n);
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
