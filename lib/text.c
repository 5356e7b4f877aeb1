/* text.c: UTF-8, character classes, display width and the
 * character-level repairs of OCR text. */
#include <string.h>

#include "gazette.h"

size_t
utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t
utf8_boundary(const char *s, size_t n)
{
	size_t i = n, back = 0;
	unsigned char c;

	/* Step back over continuation bytes to the last lead byte. */
	while (i > 0 && back < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
		i--;
		back++;
	}
	if (i == 0)
		return n;
	c = (unsigned char)s[i - 1];
	if (c < 0x80)
		return n;
	{
		size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

		if (back + 1 >= need)
			return n;
	}
	return i - 1;
}

#ifdef UTF8_VEC
/*
 * The bad bytes among the sixteen at p (flagged FF), for
 * text of ASCII and 2- and 3-byte characters in any mix (Chinese text
 * with its line ends and ASCII punctuation, which ends the 48-byte runs
 * of utf8_run3 early).  Byte j is a continuation byte (10xxxxxx, signed
 * below C0) exactly when byte j-1 is at least C0 or byte j-2 at least
 * E0, so the two bytes before p are loaded too, and must be checked
 * text (or whole characters).  Bad are the bytes that break that rule,
 * and the leads that need more checks: C0, C1 (over-long), E0 (maybe
 * over-long), ED (maybe a surrogate), F0-FF (4-byte characters and
 * bytes never valid).  A lead in the last two bytes is checked by the
 * next block.
 */
static inline gz_u8x16
mixed16_flags(const unsigned char *p)
{
	gz_u8x16 a, b, c, e, x;

	memcpy(&a, p, 16);
	memcpy(&b, p - 1, 16);
	memcpy(&c, p - 2, 16);
	e = (gz_u8x16)((((b & GZ_U8X16(0xC0)) == GZ_U8X16(0xC0)) | ((c & GZ_U8X16(0xE0)) == GZ_U8X16(0xE0))) ^
	    ((gz_s8x16)a < (gz_s8x16)GZ_U8X16(0xC0)));
	/* C0, C1 and F0-FF are 20, 21 and 10-1F in x, and 80-91 in
	 * x + 70, the lowest signed bytes: one compare, not two masks and
	 * two compares. */
	x = a ^ GZ_U8X16(0xE0);
	e |= (gz_u8x16)(((gz_s8x16)(x + GZ_U8X16(0x70)) < (gz_s8x16)GZ_U8X16(0x92)) |
	    (a == GZ_U8X16(0xE0)) | (a == GZ_U8X16(0xED)));
	return e;
}
#endif

/* utf8_valid_prefix's work, static: clang before 16 names the entry of
 * a GZ_CLONES function that is not static otherwise, and calls from
 * other files would not find it. */
GZ_CLONES static size_t
valid_prefix(const unsigned char *s, size_t n, int end_ok)
{
	size_t i = 0, len;
	uint32_t cp;
#ifdef UTF8_VEC
	size_t vec_from = 2;    /* mixed16_flags looks two bytes back */
#endif

	while (i < n) {
#ifdef UTF8_VEC
		/* Sixteen bytes a step while the text is of ASCII and 2- and
		 * 3-byte characters; then back to the start of the character
		 * that the last step cut (a lead one or two bytes before:
		 * its continuation bytes are not checked yet), and the rest
		 * of the loop from there, character by character, to beyond
		 * the bad byte found. */
		if (i >= vec_from && n - i >= 16) {
			unsigned k = 16;

			/* 64 bytes a step, four blocks tested together (the
			 * test costs more than the ORs), then block by block to
			 * find the bad byte. */
			while (n - i >= 64) {
				gz_u64x2 t;

				t = (gz_u64x2)((mixed16_flags(s + i) | mixed16_flags(s + i + 16)) |
				    (mixed16_flags(s + i + 32) | mixed16_flags(s + i + 48)));
				if ((t[0] | t[1]) != 0)
					break;
				i += 64;
			}
			while (n - i >= 16 && (k = gz_first16(mixed16_flags(s + i))) == 16)
				i += 16;
			vec_from = i + k + 1;
			i -= s[i - 1] >= 0xC0 ? 1 : s[i - 2] >= 0xE0 ? 2 : 0;
		}
#endif
		/* Runs of ASCII, eight bytes at a time, and of the 3-byte
		 * sequences of Chinese text are most of every stream. */
		while (n - i >= 8) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (w & UINT64_C(0x8080808080808080))
				break;
			i += 8;
		}
		while (i < n && s[i] < 0x80)
			i++;
		if (i < n && (s[i] & 0xF0) == 0xE0)
			i += utf8_run3(s + i, n - i);
		if (i == n || s[i] < 0x80)
			continue;
		len = utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			/* A sequence cut by the end of the window may be
			 * completed by the next read. */
			if (!end_ok && n - i < 4) {
				size_t need = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : 2;
				size_t k;

				if (s[i] >= 0xC2 && s[i] < 0xF5 && n - i < need) {
					for (k = i + 1; k < n; k++)
						if ((s[k] & 0xC0) != 0x80)
							return i;
					return n;
				}
			}
			return i;
		}
		i += len;
	}
	return i;
}

size_t
utf8_valid_prefix(const unsigned char *s, size_t n, int end_ok)
{
	return valid_prefix(s, n, end_ok);
}

int
uni_is_han(uint32_t cp)
{
	/* Below U+3400 first: CJK punctuation (U+3000-303F) is asked
	 * about as often as Han. */
	if (cp < 0x3400)
		return (cp >= 0x2E80 && cp <= 0x2FDF) || cp == 0x3005 || cp == 0x3007;
	return cp <= 0x4DBF || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F);
}

int
uni_is_cjk(uint32_t cp)
{
	if (cp < 0x2010)
		return 0;
	return uni_is_han(cp) ||
	    (cp >= 0x3000 && cp <= 0x30FF) ||    /* CJK punctuation, kana */
	    (cp >= 0xFF00 && cp <= 0xFFEF) ||    /* full-width forms */
	    (cp >= 0xFE30 && cp <= 0xFE4F) ||    /* CJK compatibility forms */
	    (cp >= 0x3200 && cp <= 0x33FF) ||    /* enclosed CJK, units */
	    (cp >= 0x2010 && cp <= 0x2027) ||    /* dashes, quotes, ellipsis */
	    (cp >= 0x2460 && cp <= 0x24FF) ||    /* circled numbers */
	    (cp >= 0x2160 && cp <= 0x2188) ||    /* Roman numerals */
	    (cp >= 0x25A0 && cp <= 0x25FF);      /* geometric shapes */
}

int
uni_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\f' || cp == '\v' ||
	    cp == 0x3000 || cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x202F || cp == 0x205F;
}

int
uni_width(uint32_t cp)
{
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return 2;
	if (cp < 0x20 || cp == 0x7F)
		return 0;
	if (cp < 0xA0)
		return 1;
	if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF)
		return 0;
	/* Characters of East Asian width "ambiguous" are set wide in
	 * Chinese text, except the middle dot, which OCR uses for the
	 * narrow separator in dates and dot leaders. */
	if (cp == 0x00B7)
		return 1;
	if (cp == 0x00D7 || cp == 0x00F7 || cp == 0x00B0 || cp == 0x00A7)
		return 2;
	if (cp < 0x1100)
		return 1;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2010 && cp <= 0x203B) ||
	    (cp >= 0x2100 && cp <= 0x2BFF) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE6F) ||
	    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	    (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

/*
 * The 3-byte characters U+4000-U+4DBF and U+4E00-U+9FFF (leads E4-E9,
 * but not E4 B7: U+4DC0-U+4DFF are hexagram symbols): most of Chinese
 * text, all of it Han, one wide column each, and never punctuation.
 *
 * han_words: the length of a run of them at the start of u[0..n), two
 * at a time, as long as 8 bytes are left: an 8-byte word whose bytes 0
 * and 3 look like leads of 3-byte sequences and bytes 1, 2, 4, 5 like
 * continuation bytes (the mask is built from bytes, so the byte order
 * does not matter), then the two leads.
 */
static inline size_t
han_words(const unsigned char *u, size_t n)
{
	static const unsigned char mb[8] = {0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0, 0};
	static const unsigned char vb[8] = {0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0, 0};
	uint64_t m, v, w;
	size_t i = 0;

	memcpy(&m, mb, 8);
	memcpy(&v, vb, 8);
	while (n - i >= 8) {
		memcpy(&w, u + i, 8);
		if ((w & m) != v || (unsigned)(u[i] - 0xE4) > 5 || (unsigned)(u[i + 3] - 0xE4) > 5 ||
		    (u[i] == 0xE4 && u[i + 1] == 0xB7) || (u[i + 3] == 0xE4 && u[i + 4] == 0xB7))
			break;
		i += 6;
	}
	return i;
}

/* The length of the run of those characters at the start of s[0..n). */
static size_t
han_run(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = han_words(u, n);

	while (n - i >= 3 && (unsigned)(u[i] - 0xE4) <= 5 && (u[i + 1] & 0xC0) == 0x80 &&
	    (u[i + 2] & 0xC0) == 0x80 && !(u[i] == 0xE4 && u[i + 1] == 0xB7))
		i += 3;
	return i;
}

/* CJK punctuation that typesetters compress: ，。、；：！？（）《》“”‘’
 * 〔〕【】「」『』 (gz_cjk_punct's masks). */
int
uni_is_cjk_punct(uint32_t c)
{
	return gz_cjk_punct(c);
}

size_t
text_layout_width(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, w = 0, len;
	uint32_t cp, next = 0;
	int have_next = 0;

	while (i < n || have_next) {
		if (have_next) {
			cp = next;
			have_next = 0;
		} else {
			/* Han, most of the text: wide, and no punctuation. */
			len = han_run(s + i, n - i);
			w += len / 3 * 2;
			i += len;
			if (i >= n)
				break;
			len = utf8_decode(u + i, n - i, &cp);
			if (len == 0)
				cp = UNI_REPLACEMENT, len = 1;
			i += len;
		}
		if (uni_is_cjk_punct(cp)) {
			if (i >= n) {
				w += 1;    /* ends the line */
				continue;
			}
			len = utf8_decode(u + i, n - i, &next);
			if (len == 0)
				next = UNI_REPLACEMENT, len = 1;
			i += len;
			have_next = 1;
			w += uni_is_cjk_punct(next) ? 1 : 2;
			continue;
		}
		w += (size_t)uni_width(cp);
	}
	return w;
}

const char *
text_find(const char *s, size_t n, const char *needle, size_t m)
{
	const char *p = s, *end = s + n;

	if (m == 0)
		return s;
	if (n < m)
		return NULL;
	/* Look for the needle's last byte: in Chinese text a lead byte
	 * (E4-E9) starts one character in six, a given continuation
	 * byte ends one in thirty. */
	p = s + m - 1;
	while (p < end && (p = memchr(p, needle[m - 1], (size_t)(end - p))) != NULL) {
		const char *q = p - (m - 1);
		size_t k = 0;

		/* Needles are short (a character or two): compare here. */
		while (k < m - 1 && q[k] == needle[k])
			k++;
		if (k == m - 1)
			return q;
		p++;
	}
	return NULL;
}

size_t
text_width(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, w = 0, len;
	uint32_t cp;

	while (i < n) {
		if (u[i] < 0x80) {
			w += u[i] >= 0x20 && u[i] != 0x7F;
			i++;
			continue;
		}
		len = utf8_decode(u + i, n - i, &cp);
		if (len == 0) {
			w += 2;    /* shown as U+FFFD */
			i++;
			continue;
		}
		w += (size_t)uni_width(cp);
		i += len;
	}
	return w;
}

/* Full-width forms that become ASCII (SPEC 1, "Width"); 0 for the rest,
 * which stay full-width: Chinese punctuation keeps its form. */
static inline uint32_t
fold_width(uint32_t cp)
{
	if (cp < 0xFF01 || cp > 0xFF5E)
		return 0;
	if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
	    (cp >= 0xFF41 && cp <= 0xFF5A))
		return cp - 0xFEE0;
	switch (cp) {
	case 0xFF20: case 0xFF03: case 0xFF05: case 0xFF06: case 0xFF0B:
	case 0xFF0F: case 0xFF1D: case 0xFF1C: case 0xFF1E:
		return cp - 0xFEE0;
	}
	return 0;
}

static int
is_ascii_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Decodes the code point at s[i], folded; returns its length (at least
 * 1: an invalid byte reads as U+FFFD). */
static size_t
next_folded(const unsigned char *s, size_t n, size_t i, uint32_t *cp)
{
	size_t len;
	uint32_t f;

	if (s[i] < 0x80) {
		*cp = s[i];
		return 1;
	}
	len = utf8_decode(s + i, n - i, cp);
	if (len == 0) {
		*cp = UNI_REPLACEMENT;
		return 1;
	}
	if ((f = fold_width(*cp)) != 0)
		*cp = f;
	return len;
}

/* Notes a character that is not Han (see struct text_others) at
 * offset at of the output.  No branch: the count stops at the last
 * entry, which is then written over and over, and the list is marked
 * over at the end. */
static inline void
others_add(struct text_others *t, size_t at)
{
	t->at[t->n] = (uint32_t)at;
	t->n += t->n < TEXT_OTHERS_MAX - 1;
}

/*
 * Length of the run at s[0..n) that text_normalize copies as it is:
 * 3-byte characters with leads E3-E9 (U+3000-U+9FFF: Han and CJK
 * punctuation, which need no repair) but U+3000 IDEOGRAPHIC SPACE, and
 * printable ASCII but the space; also dashes and quotes, and full-width
 * punctuation that is not folded.  Han (leads E4-E9 but E4 B7, as
 * struct text_others has it) runs many characters at a time (a vector
 * step, then han_words).  The other characters go one by one, and are
 * noted in oth at base + their offset.
 */
static size_t
clean_run(const unsigned char *u, size_t n, struct text_others *oth, size_t base)
{
	size_t i = 0;

	for (;;) {
#ifdef UTF8_VEC
		/* Five characters a step (the runs average six): in 16
		 * bytes, the leads at 0, 3, ..., 15 must be E4-E9 (lead - E4
		 * below 6, as unsigned bytes) but not E4 followed by B7, the
		 * other bytes continuation bytes.  The run goes on to the
		 * character of the first byte that is not so; the lead at
		 * byte 15 is only looked at, and taken by the next step.
		 * The byte after the 16 is read for B7: 17 bytes needed. */
		while (n - i >= 17) {
			static const gz_u8x16 lead = {0xFF, 0, 0, 0xFF, 0, 0, 0xFF, 0, 0, 0xFF, 0, 0, 0xFF, 0, 0, 0xFF};
			gz_u8x16 a, b, bad;
			unsigned j;

			memcpy(&a, u + i, 16);
			memcpy(&b, u + i + 1, 16);
			bad = (((a & GZ_U8X16(0xC0)) ^ GZ_U8X16(0x80)) & ~lead) |
			    ((gz_u8x16)(((a - GZ_U8X16(0xE4)) > GZ_U8X16(5)) |
			    ((a == GZ_U8X16(0xE4)) & (b == GZ_U8X16(0xB7)))) & lead);
			j = gz_first16(bad);
			if (j < 15) {
				i += j / 3 * 3;
				goto run_end;
			}
			i += 15;
		}
#endif
		i += han_words(u + i, n - i);
		/* Then Han one character at a time: the last ones of a
		 * line (han_words needs 8 bytes). */
		while (n - i >= 3 && (unsigned)(u[i] - 0xE4) <= 5 && (u[i + 1] & 0xC0) == 0x80 &&
		    (u[i + 2] & 0xC0) == 0x80 && !(u[i] == 0xE4 && u[i + 1] == 0xB7))
			i += 3;
#ifdef UTF8_VEC
run_end:
#endif
		if (i == n)
			return i;
		if ((unsigned)(u[i] - 0x21) < 0x5E) {
			/* ASCII comes in runs: numbers, names. */
			do {
				others_add(oth, base + i);
				i++;
			} while (i < n && (unsigned)(u[i] - 0x21) < 0x5E);
			continue;
		}
		if ((unsigned)(u[i] - 0xE3) <= 6 && n - i >= 3 && (u[i + 1] & 0xC0) == 0x80 &&
		    (u[i + 2] & 0xC0) == 0x80 && !(u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x80)) {
			if (u[i] == 0xE3 || (u[i] == 0xE4 && u[i + 1] == 0xB7))
				others_add(oth, base + i);
			i += 3;
			continue;
		}
		/* Dashes, quotes and the ellipsis (U+2010-2027, E2 80
		 * 90-A7): no space, no fold, CJK to the spacing rule, as
		 * the character path below would find. */
		if (u[i] == 0xE2 && n - i >= 3 && u[i + 1] == 0x80 && (unsigned)(u[i + 2] - 0x90) <= 0x17) {
			others_add(oth, base + i);
			i += 3;
			continue;
		}
		/* Full-width punctuation (U+FF00-FF7F, EF BC xx and EF BD
		 * xx) that keeps its form: ，（）：； and the like.  Bit k
		 * of kept[h] is set for U+FF00 + 64h + k when fold_width
		 * leaves it and it is not U+FF0E, which the character path
		 * takes (t_text checks the table against fold_width's
		 * folds). */
		if (u[i] == 0xEF && n - i >= 3 && (u[i + 1] & 0xFE) == 0xBC && (u[i + 2] & 0xC0) == 0x80) {
			static const uint64_t kept[2] = {
				UINT64_C(0xF80000008C003797), UINT64_C(0xFFFFFFFFF8000001)
			};

			if (kept[u[i + 1] & 1] >> (u[i + 2] & 0x3F) & 1) {
				others_add(oth, base + i);
				i += 3;
				continue;
			}
		}
		return i;
	}
}

size_t
text_normalize(struct buf *out, const char *s, size_t n, size_t *gaps)
{
	struct text_others oth;

	return text_normalize_others(out, s, n, gaps, &oth);
}

size_t
text_normalize_others(struct buf *out, const char *s, size_t n, size_t *gaps, struct text_others *oth)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len, removed = 0, runs = 0;
	uint32_t cp, prev = 0, next;
	int space = 0;
	char *o, *start;

	/* The output is no longer than the input but for invalid bytes
	 * (below): folding shortens, and a run of spaces becomes at most
	 * one. */
	if (out->cap - out->len <= n)
		buf_reserve(out, n);
	start = o = out->p + out->len;
	oth->n = 0;
	oth->over = 0;
	while (i < n) {
		/* Han, CJK punctuation and ASCII that stay as they are: one
		 * copy.  Only a space before the run needs a decision. */
		{
			size_t k0 = oth->n;

			len = clean_run(u + i, n - i, oth, (size_t)(o - start));
			if (len > 0 && space && o > start) {
				if (u[i] < 0x80 && !uni_is_cjk(prev)) {
					/* The space goes before the run, and the
					 * run's characters one byte further. */
					size_t k;

					if (oth->n < TEXT_OTHERS_MAX - 1) {
						memmove(oth->at + k0 + 1, oth->at + k0,
						    (oth->n - k0) * sizeof oth->at[0]);
						oth->n++;
						for (k = k0 + 1; k < oth->n; k++)
							oth->at[k]++;
						oth->at[k0] = (uint32_t)(o - start);
					} else {
						oth->over = 1;
					}
					*o++ = ' ';
				} else {
					runs++;    /* a space beside CJK goes */
				}
			}
		}
		if (len > 0) {
			space = 0;
			memcpy(o, u + i, len);
			o += len;
			i += len;
			/* 0x4E00 stands for any CJK character. */
			prev = u[i - 1] < 0x80 ? u[i - 1] : 0x4E00;
			if (i == n)
				break;
		}
		len = next_folded(u, n, i, &cp);
		i += len;
		if (len == 1 && cp >= 0x80) {
			/* An invalid byte becomes U+FFFD, two bytes longer:
			 * the one thing that makes the output grow.  Room for
			 * it and the rest of the input. */
			size_t at = (size_t)(o - out->p), st = (size_t)(start - out->p);

			out->len = at;
			buf_reserve(out, n - i + 3);
			o = out->p + at;
			start = out->p + st;
		}
		if (uni_is_space(cp)) {
			space = 1;
			continue;
		}
		if ((cp < 0x20 && cp != '\t') || cp == 0x7F) {
			removed++;
			continue;
		}
		if (cp == 0xFEFF || (cp >= 0x200B && cp <= 0x200D))
			continue;
		if (cp == 0xFF0E && is_ascii_alnum(prev) && i < n) {
			/* zfjdk8310620＠163．com: the full stop of an address. */
			next_folded(u, n, i, &next);
			if (is_ascii_alnum(next))
				cp = '.';
		}
		if (space && o > start) {
			if (!uni_is_cjk(prev) && !uni_is_cjk(cp)) {
				others_add(oth, (size_t)(o - start));
				*o++ = ' ';
			} else {
				runs++;
			}
		}
		space = 0;
		if (cp < 0x4000 || cp > 0x9FFF || (cp >= 0x4DC0 && cp <= 0x4DFF))
			others_add(oth, (size_t)(o - start));
		if (cp < 0x80)
			*o++ = (char)cp;
		else
			o += utf8_encode(cp, o);
		prev = cp;
	}
	out->len = (size_t)(o - out->p);
	if (gaps != NULL)
		*gaps = runs;
	/* The offsets are 32 bits; the output is at most 3n bytes. */
	if (oth->n == TEXT_OTHERS_MAX - 1 || n > UINT32_MAX / 3)
		oth->over = 1;
	return removed;
}
