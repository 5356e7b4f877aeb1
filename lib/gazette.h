/*
 * gazette.h: the library shared by the gazette tools.
 *
 * One header, sectioned by source file.  Nothing in lib/ prints to
 * standard output or exits, except the die-wrappers of diag.c and
 * ealloc.c.
 */
#ifndef GAZETTE_H
#define GAZETTE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef GAZETTE_VERSION
#define GAZETTE_VERSION "unknown"
#endif

#if defined(__GNUC__)
#define GZ_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define GZ_NORETURN __attribute__((noreturn))
#else
#define GZ_PRINTF(f, a)
#define GZ_NORETURN
#endif

/* Exit statuses of every tool (SPEC "Exit status"). */
enum {
	EXIT_OK = 0,    /* done, warnings allowed */
	EXIT_DATA = 1,  /* the input could not be processed */
	EXIT_USAGE = 2  /* usage or I/O error */
};

/* Longest line a stream reader accepts, and the longest raw input line
 * ocr-clean takes in one piece. */
#define TSV_LINE_MAX (1u << 20)
#define RAW_LINE_MAX (1u << 16)

/* Bytes the stream readers (tsv.c, conv.c) ask fread for at a time;
 * tests set it small to re-feed the parsers at every chunk size. */
extern size_t gz_read_chunk;

/* ---- diag.c: diagnostics "prog: source:line: message" ---- */

extern const char *diag_prog;
extern int diag_strict;        /* warnings count as errors */
extern long diag_warnings;     /* warnings issued so far */

void diag_init(const char *argv0);
/* Prints "prog: src:line: message" (":line" left out when line <= 0,
 * "src: " left out when src is NULL). */
void diag_msg(const char *src, long line, const char *fmt, ...) GZ_PRINTF(3, 4);
/* As diag_msg, with "warning: " before the message; counts it. */
void diag_warn(const char *src, long line, const char *fmt, ...) GZ_PRINTF(3, 4);
GZ_NORETURN void die(int status, const char *fmt, ...) GZ_PRINTF(2, 3);
/* Flushes and closes standard output; returns EXIT_USAGE (and says why)
 * when anything written could not be written, else status. */
int diag_finish(int status);
/* Prints "prog version" to stdout. */
void diag_version(void);
/* Name for a file operand in messages: "<stdin>" for "-". */
const char *diag_srcname(const char *operand);

/* ---- ealloc.c: allocation that dies on failure ---- */

void *emalloc(size_t n);
void *ecalloc(size_t nmemb, size_t size);
void *erealloc(void *p, size_t n);
char *estrdup(const char *s);
char *estrndup(const char *s, size_t n);

/* ---- buf.c: growable byte buffers, reused across records ---- */

struct buf {
	char *p;
	size_t len, cap;
};

void buf_reserve(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *s, size_t n);
void buf_addc(struct buf *b, int c);
void buf_adds(struct buf *b, const char *s);
/* Writes b's bytes to fp and empties b: the rows a tool assembled,
 * handed to stdio at once. */
void buf_flush(struct buf *b, FILE *fp);
void buf_free(struct buf *b);
/* Makes b->p a NUL-terminated string (the NUL is not counted in len). */
const char *buf_cstr(struct buf *b);
#define buf_reset(b) ((b)->len = 0)

/* ---- text.c: UTF-8, character classes, width, normalisation ---- */

#define UNI_REPLACEMENT 0xFFFDu

/* Decodes one code point from s[0..n); returns its length in bytes, or 0
 * when the bytes there are not valid UTF-8 (over-long forms, surrogates
 * and values above U+10FFFF are invalid; a truncated sequence too).
 * Inline: every scan of the tools runs through it. */
static inline size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t len, i;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	/* The common case of Chinese text: a valid 3-byte sequence. */
	/* Leads E1-EC, EE and EF (full-width punctuation): every
	 * continuation makes a valid character; E0 may be over-long and ED
	 * a surrogate, which the full path checks. */
	if ((unsigned)(c - 0xE1) <= 0x0E && c != 0xED && n >= 3 &&
	    (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*cp = ((c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return 3;
	}
	if (c < 0xC2)
		return 0;
	if (c < 0xE0) {
		len = 2;
		c &= 0x1F;
	} else if (c < 0xF0) {
		len = 3;
		c &= 0x0F;
	} else if (c < 0xF5) {
		len = 4;
		c &= 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Over-long forms, surrogates, beyond U+10FFFF. */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return 0;
	*cp = c;
	return len;
}
/* Writes cp as UTF-8 into out; returns the length (1 to 4). */
size_t utf8_encode(uint32_t cp, char out[4]);
/* Length of the longest prefix of s[0..n) that holds only whole
 * characters, given that s[0..n) is valid UTF-8 or cut inside the last
 * character. */
size_t utf8_boundary(const char *s, size_t n);
/* Returns the number of bytes of s[0..n) that form a valid UTF-8
 * prefix; when end_ok is 0, a truncated last sequence counts as valid. */
size_t utf8_valid_prefix(const unsigned char *s, size_t n, int end_ok);
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && !defined(GZ_PORTABLE)
#define UTF8_VEC 1    /* GNU C vectors, and ctz to find bytes */
#endif
/* GZ_CLONES, on a hot static function that works with GNU C vectors: on
 * x86-64 Linux, GCC (6 or later) and clang (14 or later) build it twice,
 * for AVX2 and for the baseline (SSE2), and the dynamic loader picks one
 * for the CPU at start (an ifunc).  Both copies are the same C and give
 * the same results; the AVX2 one does the 16-byte vectors in VEX
 * three-operand forms (fewer moves).  Use 16-byte vectors there, two or
 * four a step, not 32-byte ones: where the target has no 32-byte
 * vectors (the baseline copy, and every build off x86-64), GCC 12
 * compares them a byte at a time through the stack, and the baseline
 * copy ran many times slower (extract-tasks 4 times, the reader 15).
 * A cloned function is never inlined, so without clones GZ_CLONES keeps
 * it out of line too (clang refuses noinline beside target_clones, and
 * before clang 16 a non-static clone does not link).  make check also
 * builds the unit tests with -DGZ_NO_CLONES, so that the baseline copy
 * is tested on a machine with AVX2 too. */
#if defined(UTF8_VEC) && defined(__x86_64__) && defined(__linux__) && !defined(GZ_NO_CLONES) && \
    (defined(__clang__) ? __clang_major__ >= 14 : __GNUC__ >= 6)
#define GZ_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define GZ_CLONES __attribute__((noinline))
#endif
#ifdef UTF8_VEC
typedef unsigned char gz_u8x16 __attribute__((vector_size(16)));
typedef uint64_t gz_u64x2 __attribute__((vector_size(16)));
#define GZ_U8X16(c) ((gz_u8x16){c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c})
/* Sixteen 3-byte characters in three 16-byte vectors: vector k starts at
 * byte 16k, so its leads (1110xxxx) are at the bytes j where 16k + j is
 * a multiple of 3 and continuation bytes (10xxxxxx) everywhere else.
 * cjk48_tab()[k] is vector k's mask, [3 + k] its value, [6 + k] the
 * mask of its leads' low nibbles. */
static inline const gz_u8x16 *
cjk48_tab(void)
{
	static const gz_u8x16 t[9] = {
		{0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0},
		{0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0},
		{0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0},
		{0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0},
		{0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80},
		{0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80},
		{0x0F, 0x00, 0x00, 0x0F, 0x00, 0x00, 0x0F, 0x00, 0x00, 0x0F, 0x00, 0x00, 0x0F, 0x00, 0x00, 0x0F},
		{0x00, 0x00, 0x0F, 0x00, 0x00, 0x0F, 0x00, 0x00, 0x0F, 0x00, 0x00, 0x0F, 0x00, 0x00, 0x0F, 0x00},
		{0x00, 0x0F, 0x00, 0x00, 0x0F, 0x00, 0x00, 0x0F, 0x00, 0x00, 0x0F, 0x00, 0x00, 0x0F, 0x00, 0x00},
	};

	return t;
}

/* Whether the 48 bytes at p are sixteen 3-byte characters led by E1-EC,
 * EE or EF: a lead's low nibble of 0 (E0) or D (ED) may start an
 * over-long form or a surrogate, and is refused. */
static inline int
utf8_cjk48(const unsigned char *p)
{
	const gz_u8x16 *v = cjk48_tab();
	gz_u8x16 a, b, c, bad, low;
	gz_u64x2 t;

	memcpy(&a, p, 16);
	memcpy(&b, p + 16, 16);
	memcpy(&c, p + 32, 16);
	bad = ((a & v[0]) ^ v[3]) | ((b & v[1]) ^ v[4]) | ((c & v[2]) ^ v[5]);
	low = (a & v[6]) | (b & v[7]) | (c & v[8]);
	bad |= (gz_u8x16)((low == GZ_U8X16(0)) | (low == GZ_U8X16(0x0D)));
	t = (gz_u64x2)bad;
	return (t[0] | t[1]) == 0;
}
#endif

/* Length of the longest prefix of s[0..n) made of 3-byte characters led
 * by E1-EC, EE or EF (most of Chinese text), all valid UTF-8.  Inline:
 * the stream reader and utf8_valid_prefix spend most of their time here. */
static inline size_t
utf8_run3(const unsigned char *s, size_t n)
{
	/* Eight characters in three 64-bit words: leads (1110xxxx) at
	 * bytes 0, 3, 6 of the first, 1, 4, 7 of the second, 2, 5 of the
	 * third, continuation bytes (10xxxxxx) everywhere else.  The masks
	 * are written as bytes in memory order and read with memcpy, so
	 * the byte order does not matter. */
	static const unsigned char mb[3][8] = {
		{0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0},
		{0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0},
		{0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0},
	}, vb[3][8] = {
		{0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80},
		{0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0},
		{0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80},
	}, lb[3][8] = {
		{0x0F, 0, 0, 0x0F, 0, 0, 0x0F, 0},
		{0, 0x0F, 0, 0, 0x0F, 0, 0, 0x0F},
		{0, 0, 0x0F, 0, 0, 0x0F, 0, 0},
	}, mb6[4][8] = {
		{0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0, 0},    /* mask */
		{0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0, 0},    /* value */
		{0x0F, 0, 0, 0x0F, 0, 0, 0, 0},                /* low nibbles */
		{0, 1, 1, 0, 1, 1, 1, 1},
	};
	const uint64_t x7f = UINT64_C(0x7F7F7F7F7F7F7F7F), x0d = UINT64_C(0x0D0D0D0D0D0D0D0D);
	const unsigned char *p = s, *end = s + n;
	uint64_t m[4], v[3], l[3], w0, w1, w2, bad, low, h;

#ifdef UTF8_VEC
	while (end - p >= 48 && utf8_cjk48(p))
		p += 48;
	if (end - p >= 48) {
		/* The run ends at the character of the first bad byte
		 * (least significant bytes first), found as utf8_cjk48
		 * finds that there is one. */
		const gz_u8x16 *vt = cjk48_tab(), z = {0};
		gz_u8x16 a, b, c, e[3];
		gz_u64x2 t;
		int k;

		memcpy(&a, p, 16);
		memcpy(&b, p + 16, 16);
		memcpy(&c, p + 32, 16);
		e[0] = ((a & vt[0]) ^ vt[3]) | (gz_u8x16)((((a & vt[6]) == z) |
		    ((a & vt[6]) == GZ_U8X16(0x0D))) & (vt[6] != z));
		e[1] = ((b & vt[1]) ^ vt[4]) | (gz_u8x16)((((b & vt[7]) == z) |
		    ((b & vt[7]) == GZ_U8X16(0x0D))) & (vt[7] != z));
		e[2] = ((c & vt[2]) ^ vt[5]) | (gz_u8x16)((((c & vt[8]) == z) |
		    ((c & vt[8]) == GZ_U8X16(0x0D))) & (vt[8] != z));
		for (k = 0; k < 6; k++) {
			t = (gz_u64x2)e[k / 2];
			if (t[k % 2] != 0)
				return (size_t)(p - s) + (size_t)(64 * k + __builtin_ctzll(t[k % 2])) / 24 * 3;
		}
	}
#endif
	memcpy(m, mb, sizeof mb);
	memcpy(v, vb, sizeof v);
	memcpy(l, lb, sizeof l);
	while (end - p >= 24) {
		memcpy(&w0, p, 8);
		memcpy(&w1, p + 8, 8);
		memcpy(&w2, p + 16, 8);
		bad = ((w0 & m[0]) ^ v[0]) | ((w1 & m[1]) ^ v[1]) | ((w2 & m[2]) ^ v[2]);
		/* The low nibbles of the eight leads fill the eight bytes
		 * of one word.  A nibble of 0 (E0) or D (ED) may start an
		 * over-long form or a surrogate: those go the slow way.
		 * Each byte is at most 0x0F, so adding 0x7F sets its top
		 * bit exactly when it is not zero, with no carry out. */
		low = (w0 & l[0]) | (w1 & l[1]) | (w2 & l[2]);
		h = (low + x7f) & ((low ^ x0d) + x7f);
		if ((bad | (~h & ~x7f)) != 0) {
#ifdef UTF8_VEC
			/* Where the run ends: the first character with a
			 * bad byte (least significant bytes come first), or
			 * with a bad lead nibble (byte j of low is that of
			 * character (3j mod 8)), whichever comes first. */
			static const unsigned char chr[8] = {0, 3, 6, 1, 4, 7, 2, 5};
			uint64_t e, f = ~h & ~x7f;
			size_t c = 8;

			if ((e = (w0 & m[0]) ^ v[0]) != 0)
				c = (size_t)__builtin_ctzll(e) / 24;
			else if ((e = (w1 & m[1]) ^ v[1]) != 0)
				c = (size_t)(64 + __builtin_ctzll(e)) / 24;
			else if (bad != 0)
				c = (size_t)(128 + __builtin_ctzll(bad)) / 24;
			for (; f != 0; f &= f - 1)
				if (chr[__builtin_ctzll(f) >> 3] < c)
					c = chr[__builtin_ctzll(f) >> 3];
			return (size_t)(p - s) + 3 * c;
#else
			break;
#endif
		}
		p += 24;
	}
	/* Then two characters in the first six of eight bytes; the other
	 * two bytes of low are made 1, which passes. */
	memcpy(m, mb6, sizeof m[0] * 4);
	while (end - p >= 8) {
		memcpy(&w0, p, 8);
		low = (w0 & m[2]) | m[3];
		h = (low + x7f) & ((low ^ x0d) + x7f);
		if ((((w0 & m[0]) ^ m[1]) | (~h & ~x7f)) != 0)
			break;
		p += 6;
	}
	/* Then a character at a time.  Bit k of 0xDFFE says whether lead
	 * E0+k is one of E1-EC, EE, EF: never over-long nor a surrogate. */
	while (end - p >= 3 && (p[0] & 0xF0) == 0xE0 && (0xDFFEu >> (p[0] & 0x0F) & 1) &&
	    ((p[1] & 0xC0) | ((p[2] & 0xC0) >> 2)) == 0xA0)
		p += 3;
	return (size_t)(p - s);
}

#ifdef UTF8_VEC
typedef signed char gz_s8x16 __attribute__((vector_size(16)));
/* Where the first flagged byte of m (bytes of 0 or FF) is: its index,
 * or 16 when none is (least significant bytes come first). */
static inline unsigned
gz_first16(gz_u8x16 m)
{
	gz_u64x2 t = (gz_u64x2)m;

	if (t[0] != 0)
		return (unsigned)__builtin_ctzll(t[0]) >> 3;
	if (t[1] != 0)
		return 8 + ((unsigned)__builtin_ctzll(t[1]) >> 3);
	return 16;
}
#endif

/* uni_is_cjk_punct inline: the marks lie in three blocks of 32 code
 * points (U+3000, U+FF00, U+2018), each a bit mask:
 * 、。《》「」『』【】〔〕, ！（），：；？ and ‘’“”. */
static inline int
gz_cjk_punct(uint32_t c)
{
	if (c - 0x3000 < 32)
		return (int)(UINT32_C(0x0033FC06) >> (c - 0x3000) & 1);
	if (c - 0xFF00 < 32)
		return (int)(UINT32_C(0x8C001302) >> (c - 0xFF00) & 1);
	if (c - 0x2018 < 32)
		return (int)(UINT32_C(0x00000033) >> (c - 0x2018) & 1);
	return 0;
}

int uni_is_han(uint32_t cp);        /* CJK ideographs */
int uni_is_cjk(uint32_t cp);        /* Han, kana, CJK and full-width punctuation */
int uni_is_space(uint32_t cp);      /* ASCII blanks, U+3000, NBSP and friends */
/* Display width in half-units: 2 for wide and (in CJK text) ambiguous
 * characters, 1 for narrow ones, 0 for combining marks and controls. */
int uni_width(uint32_t cp);

/* CJK punctuation that a typesetter sets half wide before another
 * mark or at the end of a line (text_layout_width). */
int uni_is_cjk_punct(uint32_t cp);
/* Width of a line as a Chinese typesetter sets it, in half-units: as
 * text_width, but a CJK punctuation mark that ends the line or stands
 * before another one takes half a character (行末、标点挤压). */
size_t text_layout_width(const char *s, size_t n);
/* First occurrence of needle[0..m) in s[0..n), or NULL. */
const char *text_find(const char *s, size_t n, const char *needle, size_t m);
/* Display width of s[0..n) in half-units (a CJK character is 2). */
size_t text_width(const char *s, size_t n);
/*
 * text_normalize: the character-level repairs of ocr-clean, appended to
 * out: full-width digits, Latin letters and @#%&+/=<> to ASCII; "．"
 * between ASCII alphanumerics to "."; spaces (ASCII, U+3000, tabs)
 * removed unless they stand between two non-CJK characters, where a run
 * becomes one space; leading and trailing spaces removed; C0 controls
 * other than TAB and FF, and DEL, removed.  Returns the number of
 * control characters removed; *gaps (when not NULL) gets the number of
 * runs of spaces removed between two characters, which the layout width
 * of the line counts as half a character each.
 */
size_t text_normalize(struct buf *out, const char *s, size_t n, size_t *gaps);
/* Where text_normalize_others wrote the characters that are not Han
 * (Han: 3-byte characters led by E4-E9, but E4 B7, U+4000-U+9FFF but
 * the hexagrams U+4DC0-U+4DFF), in order: offsets from where the output
 * began; over is set, and the list not to be used, when there were
 * TEXT_OTHERS_MAX - 1 or more.  A line's scan then needs to look at
 * those characters only: the other bytes are Han characters of 3
 * bytes. */
#define TEXT_OTHERS_MAX 64
struct text_others {
	size_t n;
	int over;
	uint32_t at[TEXT_OTHERS_MAX];
};
/* text_normalize, and the list of the characters that are not Han. */
size_t text_normalize_others(struct buf *out, const char *s, size_t n, size_t *gaps,
    struct text_others *oth);

/* ---- date.c: Chinese numerals and dates ---- */

struct ymd {
	int y, m, d;    /* d is 0 for a month, y 0 for none */
	int implied;    /* the year was not written: a deadline's default */
};

/* Reads a number at s: ASCII digits, or Chinese numerals with units
 * (二十八, 一百零五, 十二) or digit by digit (二〇二四).  Returns the
 * value and sets *used to the bytes read, or -1 when none is there. */
long cn_number(const char *s, size_t n, size_t *used);
/* Is c a Chinese numeral (a digit or 十百千), one cn_number can start at? */
int cn_numeral(uint32_t c);
/* Reads a date at s: Y年M月D日 (or 号), or Y年M月, in ASCII or Chinese
 * numerals.  Returns 1 and fills out (and *used, when not NULL), or 0. */
int date_parse(const char *s, size_t n, struct ymd *out, size_t *used);
int date_days_in_month(int y, int m);
/* Finds the first deadline in s: 2024年6月底前, 2024年底前, 2024年3月31日前,
 * 6月底前 and 年底前 (in default_year; none when it is 0), 上半年,
 * 下半年, 第三季度 …, each followed by 前 (之前, 以前), or 底 and 完成.
 * Returns 1 with the last day of the period in d (when not NULL) and
 * the expression at [*so, *eo), or 0. */
int deadline_find(const char *s, size_t n, int default_year, struct ymd *d, size_t *so, size_t *eo);
/* Whether a deadline expression can start at s[0] (deadline_find
 * with *so == 0 is possible). */
int deadline_may_start(const char *s, size_t n);
/* "2024-02-28", "2024-02" for a month, "" for none. */
void date_iso(const struct ymd *d, char out[11]);

/* ---- doc.c: the parts of an official document ---- */

struct docnum {
	size_t so, eo;      /* the number, X政发〔2024〕1号, in the text */
	size_t pso, peo;    /* its prefix, X政发 */
	int year;
	long serial;
};

/* Finds a document number PREFIX〔YEAR〕N号 in s from start (OCR
 * look-alikes of the brackets accepted); the prefix is the run of Han
 * characters before the bracket, at most 16.  Returns 1 and fills d. */
int docnum_find(const char *s, size_t n, size_t start, struct docnum *d);
/* Is s a document number and nothing else?  A decree number such as
 * 市政府令第3号 counts too, with year 0 and prefix 市政府令. */
int doc_is_docno_line(const char *s, size_t n, struct docnum *d);
/* Is s the name of an organ (X市人民政府, 市民政局)? */
int doc_is_organ(const char *s, size_t n);
/* Does s end a title with a document type (……的通知, ……办法（试行）)? */
int doc_title_ends(const char *s, size_t n);
/* Where the title proper (关于……) starts in s: 0 for s itself, the
 * length of an organ name before it, or -1 when s opens no title. */
long doc_title_start(const char *s, size_t n);

struct gzheader {
	size_t name_so, name_eo;    /* X市人民政府公报 */
	int year, issue;
	size_t sec_so, sec_eo;      /* 市政府文件, or empty */
};

/* Parses a running header (normalised text): gazette name, year, issue
 * and maybe the section.  Returns 1 when s is one. */
int doc_parse_header(const char *s, size_t n, struct gzheader *h);

/* An enumerator that opens an item or heading. */
struct enumr {
	int level;      /* 1 一、 2 （一） 3 1． 4 （1） 5 ①; 第一章/节/条
	                 * 1/2/3; -k for a dotted number of k parts (2.3.7) */
	int num[6];     /* its number (the parts of a dotted one) */
	size_t len;     /* bytes of the enumerator */
};

/* Reads the enumerator at the start of s; returns 1 and fills e. */
int doc_enumerator(const char *s, size_t n, struct enumr *e);

struct tocent {
	int page;                    /* 0 when none is printed */
	size_t title_len;            /* the title is s[0..title_len) */
	size_t docno_off, docno_len; /* the number in its brackets, if any */
};

/* Parses a contents entry: title, （document number）, dot leader,
 * page.  Returns 1 when it found a page or a number, 0 for a line that
 * is no entry (a section heading). */
int toc_parse(const char *s, size_t n, struct tocent *e);

/* Can s be a contents entry at all?  One ends in its page or in its
 * （number）, which ends in 号; toc_parse returns 0 for any other line.
 * Inline, so that the test of every paragraph costs no call. */
static inline int
toc_may_be_entry(const char *s, size_t n)
{
	return n > 0 && ((s[n - 1] >= '0' && s[n - 1] <= '9') ||
	    (n >= 6 && memcmp(s + n - 6, "号）", 6) == 0));
}

/* ---- clause.c: responsibility clauses and their units ---- */

/* Unit lists by role, each joined with ';'.  parsed: set by
 * clause_find when it leaves the units of the clause it found (it
 * parses a clause of unit names only to judge it), so that its caller
 * need not parse that clause again. */
struct clause_units {
	struct buf lead, resp, coop, local;
	int parsed;
};

/* Finds the responsibility clause that ends s (a final stop may follow
 * it): returns 1 with the opening bracket at *open and the clause text
 * at [*cso, *ceo); *closed is 0 for a clause that never closes.  The
 * bracketed text must read as a clause: a label, a role word, or unit
 * names only.  units may be NULL; else units->parsed is 1 when it
 * holds the units of the clause returned (clause_parse's, at least
 * one), 0 when they are still to be parsed. */
int clause_find(const char *s, size_t n, size_t *open, size_t *cso, size_t *ceo, int *closed,
    struct clause_units *units);
/* Splits a clause into units by role; returns the number of units. */
int clause_parse(const char *s, size_t n, struct clause_units *u);
void clause_units_free(struct clause_units *u);
/* Is s a local government or a development zone? */
int clause_is_local(const char *s, size_t n);
/* Appends the number s[0..n) as it should be written, PREFIX〔YEAR〕N号
 * whatever brackets the text used (a decree number as it stands). */
void docnum_canon(const char *s, size_t n, struct buf *out);
/* The same, for a caller that has asked docnum_find(s, n, 0, d) already:
 * d is what it found, or NULL when it found none. */
void docnum_canon_found(const char *s, size_t n, const struct docnum *d, struct buf *out);
/* Characters of UTF-8 text s[0..n): its bytes less its continuation
 * bytes (10xxxxxx). */
size_t doc_nchars(const char *s, size_t n);

/* ---- tsv.c: the stream format between the tools (SPEC "Streams") ---- */

struct tsv_reader {
	FILE *fp;
	const char *src;      /* for messages */
	long lineno;          /* line just read (the header is line 1) */
	int ncols;            /* columns in the header */
	char **names;         /* header names */
	char **field;         /* the row's ncols fields, NUL-terminated, in
	                       * chunk: valid until the next read */
	size_t *flen;         /* their lengths */
	char *chunk;          /* input read ahead, unescaped in place */
	size_t chunkcap, chunklen, chunkpos;
	int ioerr;            /* the last failure was a read error */
	int csv;              /* set by the caller: tell csv_plain */
	int csv_plain;        /* with csv set, after a row: no escape in
	                       * it, no space, double quote, comma or CR
	                       * (its fields need no CSV quoting and lie
	                       * in order one NUL apart); 0 when unsure */
};

/* Reads the header; returns 0, or -1 after a message (empty stream, bad
 * header, line too long, read error). */
int tsv_open(struct tsv_reader *r, FILE *fp, const char *src);
/* Finds each of the n names in the header: idx[i] is its column.  Names
 * all the missing ones in one message and returns -1 when any is
 * missing. */
int tsv_require(struct tsv_reader *r, const char *const *names, int n, int *idx);
/* Column of name, or -1. */
int tsv_column(const struct tsv_reader *r, const char *name);
/* tsv_open and tsv_require in one: returns EXIT_OK, or the exit status
 * of the failure (EXIT_USAGE for a read error, else EXIT_DATA) after a
 * message, with r closed. */
int tsv_start(struct tsv_reader *r, FILE *fp, const char *src, const char *const *names, int n, int *idx);
/* Reads the next row; returns 1, 0 at end of input, -1 after a message
 * (wrong number of fields, bad escape, line too long, read error). */
int tsv_read_row(struct tsv_reader *r);
void tsv_close(struct tsv_reader *r);

/* atol(s) of a field s[0..n) (NUL-terminated, as the reader gives
 * them): a plain number of one to nine digits (every page, line and
 * document number the tools write) is read here; anything else (empty,
 * blanks, signs, letters, longer numbers) by atol itself.  Nine, not
 * more: the compiler then unrolls the loop, which the line numbers of
 * every row feel. */
static inline long
tsv_long(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	long v = 0;
	size_t i;

	if (n - 1 >= 9)
		return atol(s);
	for (i = 0; i < n; i++) {
		unsigned d = (unsigned)u[i] - '0';

		if (d > 9)
			return atol(s);
		v = v * 10 + (long)d;
	}
	return v;
}

/* Whether the field s[0..n) of a row that tsv_read_row gave holds the
 * same bytes as b (a source name, asked of every row).  Up to eight
 * bytes (most names are short) are compared as a word, its bytes picked
 * by a mask of n bytes of FF read from a table, so the byte order does
 * not matter: both sides can be read eight bytes on (the field in the
 * reader's chunk, which keeps TSV_PAD bytes after it; b, which holds n
 * bytes, has room for 64). */
static inline int
tsv_field_is(const struct buf *b, const char *s, size_t n)
{
	static const unsigned char ones[16] = {
		0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0,
	};
	uint64_t a, c, m;

	if (b->len != n)
		return 0;
	if (n - 1 >= 8)
		return n == 0 || memcmp(b->p, s, n) == 0;
	memcpy(&a, b->p, 8);
	memcpy(&c, s, 8);
	memcpy(&m, ones + 8 - n, 8);
	return ((a ^ c) & m) == 0;
}

/* Writes s[0..n) escaped for a TSV field (\t \n \r \\). */
void tsv_put(FILE *fp, const char *s, size_t n);
/* Does s[0..n) hold a byte that tsv_put escapes?  Four memchr passes:
 * each is fast, and most texts hold none of the four. */
static inline int
tsv_needs_escape(const char *s, size_t n)
{
	return n > 0 && (memchr(s, '\t', n) != NULL || memchr(s, '\\', n) != NULL ||
	    memchr(s, '\n', n) != NULL || memchr(s, '\r', n) != NULL);
}
/* Writes v in decimal at p, as printf("%ld") would (at most 20 bytes),
 * and returns the end: the numbers of every row without printf.  Those
 * below 10^8 (pages, lines, document numbers) go two digits a division,
 * from a table of the pairs 00 to 99. */
static inline char *
fmt_long(char *p, long v)
{
	static const char pairs[201] =
	    "0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849"
	    "5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";
	char *end, *q;
	size_t k;

	if (v < 0 || v >= 100000000) {
		char d[24];
		unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

		q = d + sizeof d;
		do
			*--q = (char)('0' + u % 10);
		while ((u /= 10) > 0);
		if (v < 0)
			*--q = '-';
		k = (size_t)(d + sizeof d - q);
		memcpy(p, q, k);
		return p + k;
	}
	k = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 :
	    v < 1000000 ? 6 : v < 10000000 ? 7 : 8;
	end = q = p + k;
	for (; v >= 100; v /= 100) {
		q -= 2;
		memcpy(q, pairs + 2 * (v % 100), 2);
	}
	if (v >= 10)
		memcpy(q - 2, pairs + 2 * v, 2);
	else
		q[-1] = (char)('0' + v);
	return end;
}

/* Writes a header row of n names. */
/* Writes v in decimal: printf("%ld") without the format parsing, for
 * the numbers of every row. */
void tsv_put_num(FILE *fp, long v);
void tsv_put_header(FILE *fp, const char *const *names, int n);

/* A paragraph stream (segment's), read a document at a time, as the
 * extractors that hold a document do. */
struct doc_row {
	int page;
	long line;
	size_t kind_off, off, len;    /* in the arena; the kind ends in a NUL */
};
struct doc_stream {
	int source, doc, page, line, kind, text;    /* columns */
	struct buf cur_source;    /* the source of the document held */
	int cur_doc;              /* its number; -1 before the first */
	struct doc_row *rows;     /* its rows */
	size_t nrows, caprows;
	struct buf arena;         /* their kinds and texts */
	struct buf docno;         /* its first docno row, canonical */
};
/* Reads fp and holds each row of a document (doc above 0), then calls
 * row(r) if row is not NULL; calls end() when a document ends (before
 * the first row of the next one, whose source or number differs, and at
 * the end of the input), with the document still held, then forgets its
 * rows.  end() is also called, with cur_doc -1 or 0, where no document
 * was held.  Stops early on a write error on standard output.  Returns
 * EXIT_OK, or the exit status of a failure, after a message. */
int doc_stream_read(struct doc_stream *ds, FILE *fp, const char *src,
    void (*row)(const struct tsv_reader *), void (*end)(void));
/* Frees what ds holds, and forgets it. */
void doc_stream_free(struct doc_stream *ds);

static inline const char *
doc_row_text(const struct doc_stream *ds, const struct doc_row *r)
{
	return ds->arena.p + r->off;
}

static inline int
doc_row_is(const struct doc_stream *ds, const struct doc_row *r, const char *kind)
{
	return strcmp(ds->arena.p + r->kind_off, kind) == 0;
}

/* ---- conv.c: decoding raw input to UTF-8, with detection ---- */

struct dec {
	FILE *fp;
	const char *src;
	char enc[40];            /* the encoding used, as named to iconv */
	int utf8;                /* fast path: input is UTF-8 */
	int unit;                /* bytes skipped on an invalid sequence */
	void *cd;                /* iconv_t, or NULL */
	unsigned char *raw;      /* raw input window */
	size_t rawlen, rawpos;
	long long rawoff;        /* input offset of raw[0] */
	int rawend;              /* no more raw input */
	size_t rawok;            /* UTF-8: raw[rawpos..rawpos+rawok) is
	                          * checked and not yet returned, and
	                          * d->out is empty (see raw_getline) */
	struct buf out;          /* decoded UTF-8 not yet returned */
	size_t outpos;
	size_t scanned;          /* bytes after outpos known to hold no line end */
	int skip_lf;             /* the last line ended in CR */
	int has_cr;              /* a CR was decoded: look for CR line ends */
	int has_ff;              /* a form feed was decoded */
	long long prevalid;      /* raw[0..prevalid) at offset 0 is known
	                          * valid UTF-8 (detection checked it) */
	long lineno;             /* number of the line last returned */
	int split;               /* last line was cut at RAW_LINE_MAX */
	long ninvalid;           /* invalid sequences replaced */
	long long first_invalid; /* offset of the first one */
	int stop;                /* --strict: stop at the first invalid one */
	int failed;              /* read error, binary input or strict stop */
	int ioerr;               /* the failure was a read error */
};

/* Opens the decoder on fp: with from_code NULL, detects the encoding (a
 * BOM wins; valid UTF-8 is UTF-8; otherwise GB18030).  Returns 0, or
 * -1 after a message (unknown encoding, read error, binary input). */
int dec_open(struct dec *d, FILE *fp, const char *src, const char *from_code, int strict);
/* dec_getline but for the blank line that it returns itself. */
int dec_getline_more(struct dec *d, struct buf *line);
/* Returns the next line without its terminator (LF, CRLF or CR) in
 * line: 1, or 0 at the end of input (and after a failure, d->failed).
 * Inline: a blank line (a third of OCR text) needs no call, when its LF
 * is among the bytes that raw_getline has checked (d->rawok is 0 unless
 * it is in use), as raw_getline would return it. */
static inline int
dec_getline(struct dec *d, struct buf *line)
{
	if (d->rawok > 0 && d->raw[d->rawpos] == '\n' && !d->skip_lf && d->scanned == 0 &&
	    line->p != NULL) {
		buf_reset(line);
		d->rawpos++;
		d->rawok--;
		if (!d->split)
			d->lineno++;
		d->split = 0;
		return 1;
	}
	return dec_getline_more(d, line);
}
void dec_close(struct dec *d);

/* Converts UTF-8 to another encoding for output. */
struct enc_out {
	void *cd;     /* iconv_t, NULL when the target is UTF-8 */
	char name[40];
	struct buf tmp;
};
int encout_open(struct enc_out *e, const char *to_code);
/* Writes s[0..n) converted; returns 0, or -1 when a character cannot be
 * represented (bad_offset set to its offset in s), and then writes
 * nothing. */
int encout_write(struct enc_out *e, FILE *fp, const char *s, size_t n, size_t *bad_offset);
void encout_close(struct enc_out *e);

/* ---- rx.c: PCRE2 patterns compiled once ---- */

struct rx {
	void *code;   /* pcre2_code_8 */
	void *md;     /* pcre2_match_data_8 */
	const char *pattern;
};

/* Compiles pattern in UTF mode (with JIT when available).  Returns 0,
 * or -1 and a message "bad pattern at offset N: reason" in err. */
int rx_compile(struct rx *rx, const char *pattern, unsigned flags, char *err, size_t errlen);
/* As rx_compile, but a bad pattern is a bug: dies naming it. */
void rx_must(struct rx *rx, const char *pattern, unsigned flags);
/* Matches at or after start; returns the number of captured groups
 * plus one, 0 for no match.  Offsets with rx_group. */
int rx_match(struct rx *rx, const char *s, size_t n, size_t start);
/* Start and end of group i of the last match; returns 0 when unset. */
int rx_group(const struct rx *rx, int i, size_t *so, size_t *eo);
void rx_free(struct rx *rx);

#define RX_ANCHORED 0x1u  /* match only at start */
#define RX_CASELESS 0x2u

/* ---- csvout.c: RFC 4180 output through libcsv ---- */

/* Appends one field to b, quoted (by libcsv's csv_write) only when it
 * holds a comma, a double quote, CR or LF (RFC 4180), or begins or ends
 * with white space, which readers would otherwise trim. */
void csv_put(struct buf *b, const char *s, size_t n);
/* Length of the longest prefix of s[0..n) without a comma, a double
 * quote, CR or LF. */
size_t csv_plain_len(const char *s, size_t n);

/* ---- operands.c: the loop over file operands ---- */

/* Calls fn for each operand from argv[first] on (standard input for
 * none or "-"); an operand that cannot be opened is reported and makes
 * the status EXIT_USAGE.  Returns the highest status. */
int gz_foreach_file(int argc, char **argv, int first, int (*fn)(FILE *fp, const char *src));

/* ---- opts.c: one option table for getopt_long and --help ---- */

struct gz_opt {
	int val;              /* short option letter, or a code >= 256 */
	const char *name;     /* long name, or NULL */
	int has_arg;          /* 0 or 1 */
	const char *argname;  /* for --help: "FILE" */
	const char *help;     /* one line */
};

/* Parses argv with the table (ending with val 0), calling handle for
 * each option.  -h/--help prints the help and exits 0; --version prints
 * the version and exits 0; a bad option prints the usage line and exits
 * 2.  Returns the index of the first operand. */
int opts_parse(int argc, char **argv, const struct gz_opt *table,
    const char *usage, const char *purpose,
    void (*handle)(int val, const char *arg));
GZ_NORETURN void opts_usage(const char *usage);

#endif
