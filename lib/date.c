/* date.c: Chinese numerals and dates as gazettes write them. */
#include <string.h>

#include "gazette.h"

/* Value of a Chinese numeral: 0-9 for a digit, 10, 100 or 1000 for
 * 十 百 千, -1 for any other character.  One switch for both kinds:
 * most characters read are neither. */
static int
cn_value(uint32_t c)
{
	switch (c) {
	case 0x96F6: case 0x3007: case 0x25CB: case 0x039F: return 0;   /* 零 〇 ○ Ο */
	case 0x4E00: return 1;                          /* 一 */
	case 0x4E8C: case 0x4E24: return 2;             /* 二 两 */
	case 0x4E09: return 3;                          /* 三 */
	case 0x56DB: return 4;                          /* 四 */
	case 0x4E94: return 5;                          /* 五 */
	case 0x516D: return 6;                          /* 六 */
	case 0x4E03: return 7;                          /* 七 */
	case 0x516B: return 8;                          /* 八 */
	case 0x4E5D: return 9;                          /* 九 */
	case 0x5341: return 10;     /* 十 */
	case 0x767E: return 100;    /* 百 */
	case 0x5343: return 1000;   /* 千 */
	}
	return -1;
}

int
cn_numeral(uint32_t c)
{
	return cn_value(c) >= 0;
}

long
cn_number(const char *s, size_t n, size_t *used)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len;
	uint32_t c;
	long total = 0, cur = -1, positional = 0;
	int any = 0, units = 0, digits = 0;

	if (n > 0 && u[0] >= '0' && u[0] <= '9') {
		while (i < n && u[i] >= '0' && u[i] <= '9' && total < 100000000L)
			total = total * 10 + (u[i++] - '0');
		*used = i;
		return total;
	}
	while (i < n && (len = utf8_decode(u + i, n - i, &c)) > 0) {
		int v = cn_value(c), d = v < 10 ? v : -1, unit = v >= 10 ? v : 0;

		/* As with ASCII digits, a number stops growing past eight
		 * digits: no date, page or serial is that long, and a run of
		 * numerals in hostile text must not overflow. */
		if (positional >= 100000000L || total >= 100000000L)
			break;
		if (d >= 0) {
			cur = d;
			positional = positional * 10 + d;
			digits++;
		} else if (unit) {
			/* 十二 is 12: a unit with no digit before counts one. */
			total += (cur < 0 ? 1 : cur) * unit;
			cur = -1;
			units++;
		} else {
			break;
		}
		any = 1;
		i += len;
	}
	*used = i;
	if (!any)
		return -1;
	/* 二〇二四 is written digit by digit; 二十八 with units. */
	if (units == 0)
		return digits ? positional : -1;
	return total + (cur < 0 ? 0 : cur);
}

/* Reads a number (ASCII or Chinese) at s[*i] followed by the character
 * `unit`; advances *i past both.  Returns the number or -1. */
static long
number_then(const char *s, size_t n, size_t *i, const char *unit)
{
	size_t used, ul = strlen(unit);
	long v = cn_number(s + *i, n - *i, &used);

	if (v < 0 || used == 0 || *i + used + ul > n || memcmp(s + *i + used, unit, ul) != 0)
		return -1;
	*i += used + ul;
	return v;
}

int
date_parse(const char *s, size_t n, struct ymd *out, size_t *used)
{
	size_t i = 0;
	long y, m, d;

	memset(out, 0, sizeof *out);
	y = number_then(s, n, &i, "年");
	if (y < 1900 || y > 2199)
		return 0;
	m = number_then(s, n, &i, "月");
	if (m < 1 || m > 12)
		return 0;
	out->y = (int)y;
	out->m = (int)m;
	{
		size_t j = i;

		d = number_then(s, n, &j, "日");
		if (d < 0)
			d = number_then(s, n, &j, "号");
		if (d >= 1 && d <= date_days_in_month(out->y, out->m)) {
			out->d = (int)d;
			i = j;
		}
	}
	if (used)
		*used = i;
	return 1;
}

int
date_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

void
date_iso(const struct ymd *d, char out[11])
{
	if (d->y == 0)
		out[0] = '\0';
	else if (d->d == 0)
		snprintf(out, 11, "%04d-%02d", d->y, d->m);
	else
		snprintf(out, 11, "%04d-%02d-%02d", d->y, d->m, d->d);
}

static int
at_n(const char *s, size_t n, size_t i, const char *w, size_t k)
{
	return i + k <= n && memcmp(s + i, w, k) == 0;
}
/* Does the literal w stand at s[i]? */
#define at(s, n, i, w) at_n(s, n, i, w, sizeof(w) - 1)

/* Reads a deadline expression at s[i]; returns its length (0: none)
 * and the last day of the period it names. */
static size_t
deadline_at(const char *s, size_t n, size_t i, int default_year, struct ymd *d)
{
	size_t j = i, used;
	long y = 0, m, day;
	int end_form = 0;

	memset(d, 0, sizeof *d);
	/* An optional year: 2024年, 二〇二四年. */
	y = cn_number(s + j, n - j, &used);
	if (y >= 1900 && y < 2200 && at(s, n, j + used, "年")) {
		j += used + 3;
	} else {
		y = 0;
		if (at(s, n, j, "年") && (at(s, n, j, "年底") || at(s, n, j, "年末"))) {
			/* 年底前: the year of the signature. */
		} else if (at(s, n, j, "今年")) {
			j += 3;
		}
	}
	if (at(s, n, j, "年底") || at(s, n, j, "年末") || ((y && (at(s, n, j, "底") || at(s, n, j, "末"))))) {
		j += at(s, n, j, "年") ? 6 : 3;
		m = 12;
		day = 31;
		end_form = 1;
	} else if (at(s, n, j, "上半年") || at(s, n, j, "下半年")) {
		m = at(s, n, j, "上") ? 6 : 12;
		day = m == 6 ? 30 : 31;
		j += 9;
		end_form = 1;
	} else {
		size_t k = j;
		long q;

		if (at(s, n, k, "第"))
			k += 3;
		q = cn_number(s + k, n - k, &used);
		if (q >= 1 && q <= 4 && used > 0 && at(s, n, k + used, "季度")) {
			m = q * 3;
			day = date_days_in_month(2001, (int)m);
			j = k + used + 6;
			if (at(s, n, j, "末") || at(s, n, j, "底"))
				j += 3;
			end_form = 1;
		} else {
			m = cn_number(s + j, n - j, &used);
			if (m < 1 || m > 12 || used == 0 || !at(s, n, j + used, "月"))
				return 0;
			j += used + 3;
			if (at(s, n, j, "底") || at(s, n, j, "末")) {
				j += 3;
				day = date_days_in_month(y ? (int)y : default_year, (int)m);
				end_form = 1;
			} else {
				day = cn_number(s + j, n - j, &used);
				if (day < 1 || day > 31 || used == 0 ||
				    !(at(s, n, j + used, "日") || at(s, n, j + used, "号")))
					return 0;
				j += used + 3;
			}
		}
	}
	/* A deadline is "before" it, or a period's end to finish by. */
	if (at(s, n, j, "前"))
		j += 3;
	else if (at(s, n, j, "之前") || at(s, n, j, "以前"))
		j += 6;
	else if (!(end_form && at(s, n, j, "完成")))
		return 0;
	if (y == 0) {
		if (default_year <= 0)
			return 0;
		y = default_year;
		d->implied = 1;
	}
	if (day > date_days_in_month((int)y, (int)m))
		day = date_days_in_month((int)y, (int)m);
	d->y = (int)y;
	d->m = (int)m;
	d->d = (int)day;
	return j - i;
}

/* Can a deadline start at the character c (not ASCII)?  1 at 年 上 下
 * 第 今, 2 at a Chinese numeral of U+4E00-U+9FFF (a number must be
 * read there), 0 elsewhere: one switch for every character scanned. */
static inline int
starts_deadline(uint32_t c)
{
	switch (c) {
	case 0x5E74: case 0x4E0A: case 0x4E0B: case 0x7B2C: case 0x4ECA:   /* 年上下第今 */
		return 1;
	case 0x96F6: case 0x4E00: case 0x4E8C: case 0x4E24: case 0x4E09:   /* 零一二两三 */
	case 0x56DB: case 0x4E94: case 0x516D: case 0x4E03: case 0x516B:   /* 四五六七八 */
	case 0x4E5D: case 0x5341: case 0x767E: case 0x5343:                /* 九十百千 */
		return 2;
	}
	return 0;
}

/* Can deadline_find start an expression at s[0]?  Only at a digit or
 * where starts_deadline says so: a text that starts otherwise holds no
 * deadline at 0. */
int
deadline_may_start(const char *s, size_t n)
{
	uint32_t c;

	if (n == 0)
		return 0;
	if ((unsigned char)s[0] < 0x80)
		return s[0] >= '0' && s[0] <= '9';
	return utf8_decode((const unsigned char *)s, n, &c) != 0 && starts_deadline(c) != 0;
}

/* Where the first 前 (E5 89 8D) or 完成 (E5 AE 8C E6 88 90) that starts
 * at or after s[from] starts, or n: every deadline ends in one of them.
 * Neither has a rare byte (memchr on 前's last byte, 8D, stopped at
 * sixty places for each real one), but few characters end in 89 8D (前,
 * 才) or 88 90 (成): with GNU C vectors, 64 places are tested a step
 * for those two bytes (two loads a byte apart, in 16-byte vectors), and
 * a place found is checked for the whole of 前, or of 完成.  The rest,
 * or all without vectors, is tested a byte at a time.  GZ_CLONES: the
 * AVX2 copy does the same 16-byte vectors in VEX three-operand forms
 * (fewer moves).  16-byte vectors, not 32: where the target has none of
 * 32 bytes (the baseline copy), GCC does their compares a byte at a
 * time through the stack. */
#ifdef UTF8_VEC
/* The places k < 32 where 88 or 89 stands at s + k before 8D or 90:
 * FF bytes in t[0] (k < 16) and t[1].  A superset of 89 8D and 88 90,
 * one operation fewer (89 90 and 88 8D are rare: the caller checks
 * all three bytes). */
static inline void
anchor_tails(const char *s, gz_u64x2 t[2])
{
	gz_u8x16 b0, c0, b1, c1;

	memcpy(&b0, s, 16);
	memcpy(&c0, s + 1, 16);
	memcpy(&b1, s + 16, 16);
	memcpy(&c1, s + 17, 16);
	t[0] = (gz_u64x2)(((b0 & GZ_U8X16(0xFE)) == GZ_U8X16(0x88)) &
	    ((c0 == GZ_U8X16(0x8D)) | (c0 == GZ_U8X16(0x90))));
	t[1] = (gz_u64x2)(((b1 & GZ_U8X16(0xFE)) == GZ_U8X16(0x88)) &
	    ((c1 == GZ_U8X16(0x8D)) | (c1 == GZ_U8X16(0x90))));
}
#endif

GZ_CLONES static size_t
next_anchor(const char *s, size_t n, size_t from)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = from, j;

	if (from > n)
		return n;
#ifdef UTF8_VEC
	/* anchor_tails(s + b + 1) tests the characters that start at b to
	 * b + 31.  Two blocks a step while there is room; then one; then
	 * the last 34 bytes, with the places before i masked off. */
	for (;;) {
		static const gz_u8x16 place0 = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
		static const gz_u8x16 place1 = {16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};
		size_t base = i;
		gz_u64x2 t[2], v;
		uint64_t q[4];
		int k;

		if (n - i >= 66) {
			gz_u64x2 t1[2];

			anchor_tails(s + i + 1, t);
			anchor_tails(s + i + 33, t1);
			v = t[0] | t[1] | t1[0] | t1[1];
			if ((v[0] | v[1]) == 0) {
				i += 64;
				continue;
			}
			v = t[0] | t[1];
			if ((v[0] | v[1]) == 0) {
				t[0] = t1[0];
				t[1] = t1[1];
				base = i + 32;
			}
		} else if (n - i >= 34) {
			anchor_tails(s + i + 1, t);
			v = t[0] | t[1];
			if ((v[0] | v[1]) == 0) {
				i += 32;
				continue;
			}
		} else if (n >= 34 && n - i >= 3) {
			gz_u8x16 from_k;

			base = n - 34;
			from_k = GZ_U8X16((unsigned char)(i - base));
			anchor_tails(s + base + 1, t);
			t[0] &= (gz_u64x2)(place0 >= from_k);
			t[1] &= (gz_u64x2)(place1 >= from_k);
			v = t[0] | t[1];
			if ((v[0] | v[1]) == 0)
				return n;
		} else {
			break;
		}
		/* The first place found: the first nonzero quarter (one
		 * is), its lowest FF byte. */
		memcpy(q, t, sizeof q);
		for (k = 0; q[k] == 0; k++)
			;
		j = base + 8 * (size_t)k + (size_t)__builtin_ctzll(q[k]) / 8;
		if (u[j] == 0xE5 && u[j + 1] == 0x89 && u[j + 2] == 0x8D)
			return j;                                       /* 前 */
		if (u[j] == 0xE6 && u[j + 1] == 0x88 && u[j + 2] == 0x90 && j >= from + 3 &&
		    memcmp(s + j - 3, "完", 3) == 0)
			return j - 3;                                   /* 完成 */
		i = j + 1;
	}
#endif
	for (j = i; n - j >= 3; j++) {
		if (u[j] == 0xE5 && u[j + 1] == 0x89 && u[j + 2] == 0x8D)
			return j;
		if (u[j] == 0xE6 && u[j + 1] == 0x88 && u[j + 2] == 0x90 && j >= from + 3 &&
		    memcmp(s + j - 3, "完", 3) == 0)
			return j - 3;
	}
	return n;
}

/* Can the character c stand inside a deadline expression, before its
 * 前, 之前, 以前 or 完成?  Numbers (ASCII or Chinese), 年 今 底 末 上
 * 下 半 第 季 度 月 日 号: all that deadline_at reads. */
static int
in_expression(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return 1;
	switch (c) {
	case 0x96F6: case 0x3007: case 0x25CB: case 0x039F:                /* 零〇○Ο */
	case 0x4E00: case 0x4E8C: case 0x4E24: case 0x4E09: case 0x56DB:   /* 一二两三四 */
	case 0x4E94: case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D:   /* 五六七八九 */
	case 0x5341: case 0x767E: case 0x5343:                             /* 十百千 */
	case 0x5E74: case 0x4ECA: case 0x5E95: case 0x672B: case 0x4E0A:   /* 年今底末上 */
	case 0x4E0B: case 0x534A: case 0x7B2C: case 0x5B63: case 0x5EA6:   /* 下半第季度 */
	case 0x6708: case 0x65E5: case 0x53F7:                             /* 月日号 */
		return 1;
	}
	return 0;
}

int
deadline_find(const char *s, size_t n, int default_year, struct ymd *d, size_t *so, size_t *eo)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, len, used, from = 0;
	uint32_t c = 0, prev;
	struct ymd tmp;

	if (d == NULL)
		d = &tmp;
	/* Every deadline ends in 前 (之前, 以前) or, after a period's end,
	 * 完成, and what comes before is numbers and the few characters
	 * in_expression() takes.  So only the run of such characters
	 * right before each 前 or 完成 can hold the start of one: each
	 * is searched in turn, the text between is not looked at (most
	 * text holds neither). */
	for (;;) {
		size_t t = next_anchor(s, n, from), r;

		if (t >= n)
			return 0;
		/* The run before t: 之 or 以 of 之前, 以前, then characters
		 * of an expression, back to the end of the last 前 or 完. */
		r = t;
		if (u[t + 1] == 0x89 /* 前, not 完 */ && r - from >= 3 &&
		    (memcmp(s + r - 3, "之", 3) == 0 || memcmp(s + r - 3, "以", 3) == 0))
			r -= 3;
		while (r > from) {
			size_t q = r - 1;

			while (q > from && (u[q] & 0xC0) == 0x80)
				q--;
			if (utf8_decode(u + q, r - q, &c) != r - q || !in_expression(c))
				break;
			r = q;
		}
		/* The character before r is none of them, no digit. */
		prev = 0;
		for (i = r; i < t; i += len) {
			len = utf8_decode(u + i, n - i, &c);
			if (len == 0)
				len = 1, c = 0;
			/* Expressions start at a number that no digit precedes,
			 * or at 年底, 上半年, 第X季度. */
			if (c < 0x80 ? (c >= '0' && c <= '9') && !(prev >= '0' && prev <= '9') :
			    starts_deadline(c) && (starts_deadline(c) == 1 || cn_number(s + i, n - i, &used) > 0)) {
				size_t k = deadline_at(s, n, i, default_year, d);

				if (k > 0) {
					if (so)
						*so = i;
					if (eo)
						*eo = i + k;
					return 1;
				}
			}
			prev = c;
		}
		from = t + 3;
	}
}
