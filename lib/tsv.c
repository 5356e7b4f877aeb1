/* tsv.c: the stream format between the tools (SPEC "Streams"): UTF-8,
 * LF, a header row of column names, TAB between fields, no quoting, and
 * \t \n \r \\ inside a field. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

#define TSV_CHUNK 65536
/* The read-ahead buffer has TSV_PAD bytes before it, zero, and keeps
 * TSV_PAD zero bytes after the bytes read: fast_fields reads up to 48
 * bytes at a time, from three bytes before a line, and stops at a NUL. */
#define TSV_PAD 64

#define REP(c) (UINT64_C(0x0101010101010101) * (c))

/* The words below hold a flag (0x80) in some bytes and 0 in the others;
 * first_flag gives the offset of the flagged byte that comes first in
 * memory, drop_flag clears it.  A little-endian gcc or clang counts the
 * trailing zero bits; elsewhere the bytes are looked at in turn. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && !defined(GZ_PORTABLE)
static inline size_t
first_flag(uint64_t m)
{
	return (size_t)__builtin_ctzll(m) >> 3;
}

static inline uint64_t
drop_flag(uint64_t m)
{
	return m & (m - 1);
}
#else
static size_t
first_flag(uint64_t m)
{
	unsigned char b[8];
	size_t k = 0;

	memcpy(b, &m, 8);
	while (b[k] == 0)
		k++;
	return k;
}

static uint64_t
drop_flag(uint64_t m)
{
	unsigned char b[8];

	memcpy(b, &m, 8);
	b[first_flag(m)] = 0;
	memcpy(&m, b, 8);
	return m;
}
#endif

/* Finds the next line in the read-ahead buffer, reading more as needed;
 * returns 1 with *sp and *np the line without its LF (and a CR before
 * it), 0 at end of input, -1 after a message.  The line stays where it
 * was read, and (*sp)[*np] is made a NUL.  A line longer than the
 * buffer grows it, up to TSV_LINE_MAX: a 300 MB line costs TSV_LINE_MAX
 * of memory, not 300 MB. */
static int
next_line(struct tsv_reader *r, char **sp, size_t *np)
{
	size_t scan = r->chunkpos, n, want, got;
	char *s, *nl;

	for (;;) {
		nl = r->chunklen > scan ? memchr(r->chunk + scan, '\n', r->chunklen - scan) : NULL;
		if (nl != NULL) {
			s = r->chunk + r->chunkpos;
			n = (size_t)(nl - s);
			if (n > TSV_LINE_MAX)
				goto toolong;
			r->chunkpos += n + 1;
			break;
		}
		n = r->chunklen - r->chunkpos;
		if (n > TSV_LINE_MAX)
			goto toolong;
		/* Keep the start of the line and read more after it, with a
		 * byte to spare for the NUL after a last line without LF. */
		if (r->chunkpos > 0) {
			memmove(r->chunk, r->chunk + r->chunkpos, n);
			r->chunklen = n;
			r->chunkpos = 0;
			memset(r->chunk + n, 0, TSV_PAD);
		}
		scan = n;
		if (r->chunkcap - r->chunklen < 2) {
			char *base = r->chunk ? r->chunk - TSV_PAD : NULL;

			r->chunkcap = r->chunkcap ? r->chunkcap * 2 : TSV_CHUNK;
			base = erealloc(base, r->chunkcap + 2 * TSV_PAD);
			if (r->chunk == NULL)
				memset(base, 0, TSV_PAD);
			r->chunk = base + TSV_PAD;
		}
		want = r->chunkcap - r->chunklen - 1;
		if (want > gz_read_chunk)
			want = gz_read_chunk;
		got = fread(r->chunk + r->chunklen, 1, want, r->fp);
		if (got == 0) {
			if (ferror(r->fp)) {
				diag_msg(r->src, r->lineno + 1, "read error: %s", strerror(errno));
				r->ioerr = 1;
				return -1;
			}
			if (n == 0)
				return 0;
			s = r->chunk;    /* a last line without LF */
			r->chunkpos = r->chunklen;
			break;
		}
		r->chunklen += got;
		memset(r->chunk + r->chunklen, 0, TSV_PAD);
	}
	r->lineno++;
	if (n > 0 && s[n - 1] == '\r')
		n--;    /* tolerate CRLF from an editor */
	s[n] = '\0';
	*sp = s;
	*np = n;
	return 1;
toolong:
	diag_msg(r->src, r->lineno + 1, "line longer than %u bytes", TSV_LINE_MAX);
	return -1;
}

/* The messages about a line that holds a NUL byte or is not UTF-8. */
static int
bad_nul(struct tsv_reader *r)
{
	diag_msg(r->src, r->lineno, "NUL byte in line; not a gazette stream");
	return -1;
}

static int
bad_utf8(struct tsv_reader *r, const char *s, size_t n, size_t at)
{
	if (memchr(s + at, '\0', n - at) != NULL)
		return bad_nul(r);    /* named first, wherever it is */
	diag_msg(r->src, r->lineno, "invalid UTF-8 at byte %zu of the line", at + 1);
	return -1;
}

/* Splits s[0..n) into unescaped fields, in place (unescaping only
 * shrinks), TAB or NUL (a TAB the scan below has already ended a field
 * at) between them; returns their number, or -1 after a message about a
 * bad escape.  The header, and the rare row with a backslash. */
static int
split_slow(struct tsv_reader *r, char *s, size_t n)
{
	char *end = s + n, *out = s, *start = s;
	int nf = 0;

	for (;;) {
		if (s < end && *s != '\t' && *s != '\0' && *s != '\\') {
			*out++ = *s++;
			continue;
		}
		if (s < end && *s == '\\') {
			char c;

			if (s + 1 == end) {
				diag_msg(r->src, r->lineno, "field %d: backslash at end of line", nf + 1);
				return -1;
			}
			switch (s[1]) {
			case 't': c = '\t'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case '\\': c = '\\'; break;
			default:
				diag_msg(r->src, r->lineno, "field %d: invalid escape \\%c", nf + 1,
				    (unsigned char)s[1] >= 0x20 && (unsigned char)s[1] < 0x7F ? s[1] : '?');
				return -1;
			}
			*out++ = c;
			s += 2;
			continue;
		}
		/* The end of a field. */
		if (nf < r->ncols) {
			r->field[nf] = start;
			r->flen[nf] = (size_t)(out - start);
		}
		nf++;
		if (s == end) {
			*out = '\0';
			break;
		}
		*out++ = '\0';
		s++;
		start = out;
	}
	return nf;
}

/* The message about a row of the wrong width. */
static int
bad_width(struct tsv_reader *r, int n)
{
	diag_msg(r->src, r->lineno, "row has %d field%s, header has %d", n,
	    n == 1 ? "" : "s", r->ncols);
	return -1;
}

#ifdef UTF8_VEC
typedef unsigned char tsv_u8x16 __attribute__((vector_size(16)));
typedef uint64_t tsv_u64x2 __attribute__((vector_size(16)));
typedef signed char tsv_s8x16 __attribute__((vector_size(16)));

#define V16(c) ((tsv_u8x16){c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c})
#define S16(c) ((tsv_s8x16){c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c})

/* The flags (FF) of the sixteen bytes at p.  Byte j is a continuation
 * byte (10xxxxxx) exactly when byte j-1 is at least C0 or byte j-2 at
 * least E0, 4-byte characters aside; so the bytes one and two before
 * are loaded too.  *bad flags the bytes that break that rule and the
 * leads C0, C1, E0 and ED (over-long forms and surrogates start with
 * them); the result flags those and the bytes below 0x10 (LF, TAB,
 * NUL, CR...), F0-FF and backslashes. */
static inline tsv_u8x16
block_flags(const unsigned char *p, tsv_u8x16 *bad)
{
	tsv_u8x16 a, b, c, e;

	memcpy(&a, p, 16);
	memcpy(&b, p - 1, 16);
	memcpy(&c, p - 2, 16);
	e = (tsv_u8x16)((((b & V16(0xC0)) == V16(0xC0)) | ((c & V16(0xE0)) == V16(0xE0))) ^
	    ((tsv_s8x16)a < S16(-64)));
	e |= (tsv_u8x16)(((a & V16(0xFE)) == V16(0xC0)) | (a == V16(0xE0)) | (a == V16(0xED)));
	*bad = e;
	/* Adding 0x90 takes F0-FF to 80-8F and 00-0F to 90-9F, the bytes
	 * below A0 as signed bytes; every other byte lands at A0 or above
	 * (as signed, -96 to 127). */
	return e | (tsv_u8x16)(((tsv_s8x16)(a + V16(0x90)) < S16(-96)) | (a == V16('\\')));
}

/* The top bits of the eight bytes of w as eight bits, byte 0 the lowest:
 * bit 8j + 7 moves to bit 56 + j, each by its own term of the product,
 * with no two terms meeting. */
static inline unsigned
top_bits(uint64_t w)
{
	return (unsigned)(((w & REP(0x80)) * UINT64_C(0x0002040810204081)) >> 56);
}

/* The common row in one pass, 32 bytes a step: finds the LF, the TABs
 * and any backslash, and checks the UTF-8 without looking at characters
 * one by one (the line's first bytes look back at the LF before it, or
 * at the zeros before the buffer).  A flag before the LF that is not a
 * TAB, a backslash or another control byte (a NUL, F0-FF, the zeros
 * after the bytes read), or a bad byte anywhere in the step, leaves
 * the line to read_fields, which gives the exact message: returns 0
 * then, with the reader as it was (TABs put back); 1 after reading a
 * row, -1 after a message about it.  field and flen have 32 spare
 * entries (tsv_open), so a step's TABs are counted once it is done. */
static inline __attribute__((always_inline)) int
fast_fields_as(struct tsv_reader *r, int csv)
{
	const unsigned char *s = (const unsigned char *)r->chunk + r->chunkpos;
	char *line = r->chunk + r->chunkpos;
	size_t i, q, k, n, *flen = r->flen, nf = 0, ncols = (size_t)r->ncols;
	char **field = r->field, *fs = line, *tab;
	int bs = 0, nfi;
	tsv_u8x16 quote = V16(0);

	/* Thirty-two bytes a step, as two blocks tested together; after a
	 * clean step in non-ASCII text, 48 bytes a step while they are
	 * Chinese, from the lead of the character at the step's end (the
	 * bytes before it are checked). */
	for (i = 0;;) {
		tsv_u8x16 bad0, bad1, any0, any1, a0, a1;
		tsv_u64x2 t, t0, t1;
		uint64_t m;

		any0 = block_flags(s + i, &bad0);
		any1 = block_flags(s + i + 16, &bad1);
		if (csv) {
			/* For to-csv: a space, a double quote (the two
			 * differ in bit 1 only) or a comma, any of which a
			 * CSV field may have to be quoted for (a CR is
			 * flagged, and seen below).  The runs of Chinese
			 * skipped below hold no ASCII. */
			memcpy(&a0, s + i, 16);
			memcpy(&a1, s + i + 16, 16);
			quote |= (tsv_u8x16)(((a0 | V16(2)) == V16('"')) | (a0 == V16(',')) |
			    ((a1 | V16(2)) == V16('"')) | (a1 == V16(',')));
		}
		t = (tsv_u64x2)(any0 | any1);
		if ((t[0] | t[1]) == 0) {
			i += 32;
			if (s[i - 1] >= 0x80) {
				/* q is the lead of the last character that
				 * starts in the step (one of its last three
				 * bytes: the step has no F0-FF, and three
				 * continuation bytes in a row fail its test).
				 * The characters before q are whole: the step
				 * found a lead, not a continuation byte, at
				 * q. */
				q = s[i - 1] >= 0xC0 ? i - 1 : s[i - 2] >= 0xC0 ? i - 2 : i - 3;
				while (utf8_cjk48(s + q))
					q += 48;
				if (q > i)
					i = q;
			}
			continue;
		}
		/* Mostly the step's flags are TABs, and their NULs and
		 * fields are set without looking at the bytes; a step with
		 * anything else (the LF, a bad byte) looks at each. */
		memcpy(&a0, s + i, 16);
		memcpy(&a1, s + i + 16, 16);
		t = (tsv_u64x2)((any0 & ~(a0 == V16('\t'))) | (any1 & ~(a1 == V16('\t'))) |
		    bad0 | bad1);
		t0 = (tsv_u64x2)any0;
		t1 = (tsv_u64x2)any1;
		m = top_bits(t0[0]) | top_bits(t0[1]) << 8 | top_bits(t1[0]) << 16 |
		    (uint32_t)top_bits(t1[1]) << 24;
		if ((t[0] | t[1]) == 0) {
			/* fs, the start of the field, and tab, its end,
			 * as pointers: the fewest operations a TAB. */
			for (; m != 0; m &= m - 1) {
				tab = line + i + (unsigned)__builtin_ctzll(m);
				field[nf] = fs;
				flen[nf] = (size_t)(tab - fs);
				*tab = '\0';
				nf++;
				fs = tab + 1;
			}
		} else {
			/* A bad byte, even one after the LF, leaves the
			 * line to read_fields. */
			t = (tsv_u64x2)(bad0 | bad1);
			if ((t[0] | t[1]) != 0)
				goto slow;
			for (; m != 0; m &= m - 1) {
				k = i + (size_t)__builtin_ctzll(m);
				if (s[k] == '\t') {
					field[nf] = fs;
					flen[nf] = (size_t)(line + k - fs);
					line[k] = '\0';
					nf++;
					fs = line + k + 1;
				} else if (s[k] == '\n') {
					goto eol;
				} else if (s[k] == '\\') {
					bs = 1;
				} else if (s[k] == '\0' || s[k] >= 0xF0) {
					goto slow;
				} else if (csv) {
					quote[0] = 1;    /* a CR or another control */
				}
			}
		}
		if (nf >= ncols)
			goto slow;    /* too many fields */
		i += 32;
	}
slow:
	/* The TABs made NULs are put back. */
	while (nf-- > 0)
		field[nf][flen[nf]] = '\t';
	return 0;
eol:
	if (k > TSV_LINE_MAX || nf >= ncols)
		goto slow;
	n = k;
	r->chunkpos += n + 1;
	r->lineno++;
	if (n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	field[nf] = fs;
	flen[nf] = (size_t)(line + n - fs);
	nfi = (int)nf + 1;
	if (bs && (nfi = split_slow(r, line, n)) < 0)
		return -1;
	if (nfi != r->ncols)
		return bad_width(r, nfi);
	if (csv) {
		tsv_u64x2 t = (tsv_u64x2)quote;

		r->csv_plain = !bs && (t[0] | t[1]) == 0;
	}
	return 1;
}

/* The two readers, kept out of tsv_read_row (GZ_CLONES does that): each
 * alone compiles to tighter code than the two inlined side by side.  In the
 * AVX2 copy the 16-byte vector code takes the three-operand (VEX) forms,
 * without the register copies of SSE2 (about an eighth fewer
 * instructions a row).  The step stays with 16-byte vectors: written
 * with 32-byte GNU C vectors, it would take half the vector instructions
 * in the AVX2 copy, but GCC 12 splits a comparison of 32-byte vectors
 * into 32 byte comparisons through memory where the target has no such
 * vectors, which made the SSE2 copy fifteen times slower. */
static GZ_CLONES int
fast_fields(struct tsv_reader *r)
{
	return fast_fields_as(r, 0);
}

static GZ_CLONES int
fast_fields_csv(struct tsv_reader *r)
{
	return fast_fields_as(r, 1);
}
#endif

/* Reads a row's line: one pass that checks the UTF-8, looks for NUL
 * bytes and backslashes, and ends each field at its TAB with a NUL.
 * Returns 1, 0 at end of input, -1 after a message.  The rows that
 * fast_fields leaves, and every row of a build without GNU C vectors. */
static int
read_fields(struct tsv_reader *r)
{
	char *line;
	const unsigned char *s;
	size_t n, i = 0, start = 0, k, len, *flen = r->flen;
	char **field = r->field;
	int rc, nf = 0, bs = 0, ncols = r->ncols;
	uint32_t cp;

	/* The common case of next_line: the whole line read ahead. */
	if (r->chunklen > r->chunkpos && (s = memchr(r->chunk + r->chunkpos, '\n',
	    r->chunklen - r->chunkpos)) != NULL &&
	    (n = (size_t)((const char *)s - (r->chunk + r->chunkpos))) <= TSV_LINE_MAX) {
		line = r->chunk + r->chunkpos;
		r->chunkpos += n + 1;
		r->lineno++;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		line[n] = '\0';
	} else if ((rc = next_line(r, &line, &n)) <= 0) {
		return rc;
	}
	s = (const unsigned char *)line;
	while (i < n) {
		if (n - i >= 8) {
			uint64_t w, x, m;

			/* m flags the bytes of the next eight that are not
			 * plain ASCII: those with the top bit set, and those
			 * below 0x10 (NUL, TAB, ...) or a backslash.  x has
			 * the top bits cleared so that no sum carries into the
			 * next byte: the top bit of x + 0x70 says x >= 0x10,
			 * that of (x ^ '\\') + 0x7F says x != '\\'. */
			memcpy(&w, s + i, 8);
			x = w & REP(0x7F);
			m = (~((x + REP(0x70)) & ((x ^ REP(0x5C)) + REP(0x7F))) | w) & REP(0x80);
			for (; m != 0; m = drop_flag(m)) {
				k = i + first_flag(m);
				if (s[k] >= 0x80)
					break;
				if (s[k] == '\t') {
					if (nf < ncols) {
						field[nf] = line + start;
						flen[nf] = k - start;
					}
					line[k] = '\0';
					nf++;
					start = k + 1;
				} else if (s[k] == '\\') {
					bs = 1;
				} else if (s[k] == '\0') {
					return bad_nul(r);
				}
			}
			if (m == 0) {
				i += 8;
				continue;
			}
			i = k;
		} else if (s[i] < 0x80) {
			if (s[i] == '\t') {
				if (nf < ncols) {
					field[nf] = line + start;
					flen[nf] = i - start;
				}
				line[i] = '\0';
				nf++;
				start = i + 1;
			} else if (s[i] == '\\') {
				bs = 1;
			} else if (s[i] == '\0') {
				return bad_nul(r);
			}
			i++;
			continue;
		}
		/* Non-ASCII from i: runs of 3-byte characters, the others
		 * one at a time. */
		do {
			if ((s[i] & 0xF0) == 0xE0) {
				i += utf8_run3(s + i, n - i);
				if (i == n || s[i] < 0x80)
					break;
			}
			if ((len = utf8_decode(s + i, n - i, &cp)) == 0)
				return bad_utf8(r, line, n, i);
			i += len;
		} while (i < n && s[i] >= 0x80);
	}
	if (nf < ncols) {
		field[nf] = line + start;
		flen[nf] = n - start;
	}
	nf++;
	if (bs && (nf = split_slow(r, line, n)) < 0)
		return -1;
	if (nf != r->ncols)
		return bad_width(r, nf);
	return 1;
}

int
tsv_open(struct tsv_reader *r, FILE *fp, const char *src)
{
	int rc, n, i;
	size_t len, off, ok;
	char *s;

	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->src = src;
	rc = next_line(r, &s, &len);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		diag_msg(src, 0, "empty input: no header row");
		return -1;
	}
	if (memchr(s, '\0', len) != NULL)
		return bad_nul(r);
	ok = utf8_valid_prefix((const unsigned char *)s, len, 1);
	if (ok != len)
		return bad_utf8(r, s, len, ok);
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		diag_msg(src, 1, "header starts with a byte order mark; not a gazette stream");
		return -1;
	}
	/* The header is split with a generous field count, then kept. */
	r->ncols = 1;
	for (off = 0; off < len; off++)
		r->ncols += s[off] == '\t';
	/* 32 spare entries for fast_fields, which counts a step's TABs
	 * after the step. */
	r->field = ecalloc((size_t)r->ncols + 32, sizeof *r->field);
	r->flen = ecalloc((size_t)r->ncols + 32, sizeof *r->flen);
	n = split_slow(r, s, len);
	if (n < 0)
		return -1;
	r->names = ecalloc((size_t)r->ncols, sizeof *r->names);
	for (i = 0; i < r->ncols; i++) {
		if (r->flen[i] == 0) {
			diag_msg(src, 1, "header column %d has no name", i + 1);
			return -1;
		}
		r->names[i] = estrndup(r->field[i], r->flen[i]);
	}
	return 0;
}

int
tsv_column(const struct tsv_reader *r, const char *name)
{
	int i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->names[i], name) == 0)
			return i;
	return -1;
}

int
tsv_require(struct tsv_reader *r, const char *const *names, int n, int *idx)
{
	struct buf miss = {0};
	int i, nmiss = 0;

	for (i = 0; i < n; i++) {
		idx[i] = tsv_column(r, names[i]);
		if (idx[i] < 0) {
			if (nmiss++)
				buf_adds(&miss, ", ");
			buf_adds(&miss, names[i]);
		}
	}
	if (nmiss) {
		diag_msg(r->src, 1, "missing column%s: %s", nmiss > 1 ? "s" : "", buf_cstr(&miss));
		buf_free(&miss);
		return -1;
	}
	return 0;
}

int
tsv_read_row(struct tsv_reader *r)
{
#ifdef UTF8_VEC
	int rc;

	if (r->chunk != NULL && (rc = r->csv ? fast_fields_csv(r) : fast_fields(r)) != 0)
		return rc;
#endif
	r->csv_plain = 0;
	return read_fields(r);
}

void
tsv_close(struct tsv_reader *r)
{
	int i;

	for (i = 0; r->names && i < r->ncols; i++)
		free(r->names[i]);
	free(r->names);
	free(r->field);
	free(r->flen);
	if (r->chunk != NULL)
		free(r->chunk - TSV_PAD);
	memset(r, 0, sizeof *r);
}

/* Writes s[0..n) to fp.  fwrite costs about as much as putting twenty
 * bytes one at a time into the stdio buffer, so the short fields of
 * every row (numbers, names) go that way. */
static void
put_bytes(FILE *fp, const char *s, size_t n)
{
	if (n > 16) {
		fwrite(s, 1, n, fp);
		return;
	}
	while (n-- > 0)
		putc_unlocked(*s++, fp);
}

/* Whether s[0..n) may hold a TAB, LF, CR or backslash.  A long field
 * takes four memchr passes, which are fast; a short one is read eight
 * bytes at a time, flagging ASCII bytes below 0x10 and backslashes as in
 * read_fields (a control byte other than those three is a false alarm,
 * which costs only the slow way). */
static int
tsv_special(const char *s, size_t n)
{
	size_t i = 0;

	if (n >= 64)
		return tsv_needs_escape(s, n);
	if (n < 8) {
		for (; i < n; i++)
			if ((unsigned char)s[i] <= '\\' &&
			    (s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\\'))
				return 1;
		return 0;
	}
	/* Words at 0, 8, ... and a last one that ends at n. */
	for (;;) {
		uint64_t w, x;

		memcpy(&w, s + i, 8);
		x = w & REP(0x7F);
		if ((~((x + REP(0x70)) & ((x ^ REP(0x5C)) + REP(0x7F))) & ~w & REP(0x80)) != 0)
			return 1;
		if (i == n - 8)
			return 0;
		i = n - i >= 16 ? i + 8 : n - 8;
	}
}

void
tsv_put(FILE *fp, const char *s, size_t n)
{
	const char *p, *end;

	if (n == 0)
		return;
	/* Most fields hold none of the four special bytes. */
	if (!tsv_special(s, n)) {
		put_bytes(fp, s, n);
		return;
	}
	p = s;
	end = s + n;
	while (p < end) {
		const char *q = p;

		/* All four special bytes are below 0x60 and not printable
		 * letters; one comparison skips most text. */
		while (q < end && ((unsigned char)*q > '\\' ||
		    (*q != '\t' && *q != '\n' && *q != '\r' && *q != '\\')))
			q++;
		if (q > p)
			put_bytes(fp, p, (size_t)(q - p));
		if (q == end)
			break;
		putc_unlocked('\\', fp);
		putc_unlocked(*q == '\t' ? 't' : *q == '\n' ? 'n' : *q == '\r' ? 'r' : '\\', fp);
		p = q + 1;
	}
}

void
tsv_put_num(FILE *fp, long v)
{
	char d[24];

	put_bytes(fp, d, (size_t)(fmt_long(d, v) - d));
}

void
tsv_put_header(FILE *fp, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (i)
			putc('\t', fp);
		fputs(names[i], fp);
	}
	putc('\n', fp);
}

int
tsv_start(struct tsv_reader *r, FILE *fp, const char *src, const char *const *names, int n, int *idx)
{
	int status;

	if (tsv_open(r, fp, src) == 0 && tsv_require(r, names, n, idx) == 0)
		return EXIT_OK;
	status = r->ioerr ? EXIT_USAGE : EXIT_DATA;
	tsv_close(r);
	return status;
}

/* Holds a row of the document being read: its numbers, and its kind
 * and text copied to the arena at once (room made first, without a call
 * when there is room). */
static void
doc_hold(struct doc_stream *ds, const struct tsv_reader *r)
{
	struct doc_row *w;
	const char *kind = r->field[ds->kind], *text = r->field[ds->text];
	size_t klen = r->flen[ds->kind], tlen = r->flen[ds->text], len = ds->arena.len;
	char *p;

	if (ds->nrows == ds->caprows) {
		ds->caprows = ds->caprows ? ds->caprows * 2 : 256;
		ds->rows = erealloc(ds->rows, ds->caprows * sizeof *ds->rows);
	}
	w = &ds->rows[ds->nrows++];
	w->page = (int)tsv_long(r->field[ds->page], r->flen[ds->page]);
	w->line = tsv_long(r->field[ds->line], r->flen[ds->line]);
	w->kind_off = len;
	w->off = len + klen + 1;
	w->len = tlen;
	if (len + klen + 1 + tlen >= ds->arena.cap)
		buf_reserve(&ds->arena, klen + 1 + tlen);
	p = ds->arena.p + len;
	if (text == kind + klen + 1) {
		/* The text follows the kind's NUL in the line (as in
		 * segment's column order): one copy. */
		memcpy(p, kind, klen + 1 + tlen);
	} else {
		memcpy(p, kind, klen + 1);    /* with its NUL */
		memcpy(p + klen + 1, text, tlen);
	}
	ds->arena.len = len + klen + 1 + tlen;
	if (ds->docno.len == 0 && strcmp(kind, "docno") == 0)
		docnum_canon(text, tlen, &ds->docno);
}

/* Ends the document held: end(), then forgets its rows. */
static void
doc_end(struct doc_stream *ds, void (*end)(void))
{
	end();
	ds->nrows = 0;
	buf_reset(&ds->arena);
	buf_reset(&ds->docno);
}

int
doc_stream_read(struct doc_stream *ds, FILE *fp, const char *src,
    void (*row)(const struct tsv_reader *), void (*end)(void))
{
	static const char *const need[] = {"source", "doc", "page", "line", "kind", "text"};
	struct tsv_reader r;
	int idx[6], rc, status;

	if ((status = tsv_start(&r, fp, src, need, 6, idx)) != EXIT_OK)
		return status;
	ds->source = idx[0];
	ds->doc = idx[1];
	ds->page = idx[2];
	ds->line = idx[3];
	ds->kind = idx[4];
	ds->text = idx[5];
	while ((rc = tsv_read_row(&r)) > 0) {
		int doc = (int)tsv_long(r.field[ds->doc], r.flen[ds->doc]);
		size_t n = r.flen[ds->source];

		if (doc != ds->cur_doc || !tsv_field_is(&ds->cur_source, r.field[ds->source], n)) {
			doc_end(ds, end);
			buf_reset(&ds->cur_source);
			buf_add(&ds->cur_source, r.field[ds->source], n);
			ds->cur_doc = doc;
		}
		if (doc > 0) {
			doc_hold(ds, &r);
			if (row != NULL)
				row(&r);
		}
		/* Only end() and row() write. */
		if ((row != NULL || ds->nrows <= 1) && ferror(stdout))
			break;
	}
	doc_end(ds, end);
	ds->cur_doc = -1;
	if (rc < 0)
		status = r.ioerr ? EXIT_USAGE : EXIT_DATA;
	tsv_close(&r);
	return status;
}

void
doc_stream_free(struct doc_stream *ds)
{
	buf_free(&ds->cur_source);
	buf_free(&ds->arena);
	buf_free(&ds->docno);
	free(ds->rows);
	ds->rows = NULL;
	ds->nrows = ds->caprows = 0;
	ds->cur_doc = -1;
}
