/* date.c: Chinese numerals and dates as gazettes write them. */
#include <string.h>

#include "gazette.h"

/* Value of a Chinese digit, or -1. */
static int
cn_digit(uint32_t c)
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
	}
	return -1;
}

static int
cn_unit(uint32_t c)
{
	switch (c) {
	case 0x5341: return 10;     /* 十 */
	case 0x767E: return 100;    /* 百 */
	case 0x5343: return 1000;   /* 千 */
	}
	return 0;
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
		int d = cn_digit(c), unit = cn_unit(c);

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
