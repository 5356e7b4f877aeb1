/* opts.c: one option table drives getopt_long, the usage line and
 * --help, so they cannot disagree. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

#define OPT_VERSION 0x7f01

void
opts_usage(const char *usage)
{
	fprintf(stderr, "usage: %s\n", usage);
	exit(EXIT_USAGE);
}

static void
help(const struct gz_opt *t, const char *usage, const char *purpose)
{
	char left[64];

	printf("usage: %s\n%s\n\n", usage, purpose);
	for (; t->val; t++) {
		int n = 0;

		if (t->val < 256)
			n = snprintf(left, sizeof left, "-%c%s", t->val, t->name ? ", " : "");
		else
			n = snprintf(left, sizeof left, "    ");
		if (t->name)
			snprintf(left + n, sizeof left - (size_t)n, "--%s%s%s", t->name,
			    t->has_arg ? " " : "", t->has_arg ? t->argname : "");
		else if (t->has_arg)
			snprintf(left + n, sizeof left - (size_t)n, " %s", t->argname);
		printf("  %-26s %s\n", left, t->help);
	}
	printf("  %-26s %s\n", "-h, --help", "print this help and exit");
	printf("  %-26s %s\n", "    --version", "print the version and exit");
}

int
opts_parse(int argc, char **argv, const struct gz_opt *table,
    const char *usage, const char *purpose, void (*handle)(int val, const char *arg))
{
	struct option lo[64];
	char so[128] = ":";
	size_t n = 0, k = 1;
	const struct gz_opt *t;
	int c;

	for (t = table; t->val && n < 60; t++) {
		if (t->name) {
			lo[n].name = t->name;
			lo[n].has_arg = t->has_arg ? required_argument : no_argument;
			lo[n].flag = NULL;
			lo[n].val = t->val;
			n++;
		}
		if (t->val < 256 && k + 3 < sizeof so) {
			so[k++] = (char)t->val;
			if (t->has_arg)
				so[k++] = ':';
		}
	}
	lo[n++] = (struct option){"help", no_argument, NULL, 'h'};
	lo[n++] = (struct option){"version", no_argument, NULL, OPT_VERSION};
	lo[n] = (struct option){NULL, 0, NULL, 0};
	so[k++] = 'h';
	so[k] = '\0';
	opterr = 0;
	while ((c = getopt_long(argc, argv, so, lo, NULL)) != -1) {
		if (c == 'h') {
			help(table, usage, purpose);
			exit(EXIT_OK);
		}
		if (c == OPT_VERSION) {
			diag_version();
			exit(EXIT_OK);
		}
		if (c == '?' || c == ':') {
			const char *what = c == ':' ? "missing argument to" : "unknown option";

			if (optopt > 0 && optopt < 256 && strncmp(argv[optind - 1], "--", 2) != 0)
				diag_msg(NULL, 0, "%s -%c", what, optopt);
			else
				diag_msg(NULL, 0, "%s %s", what, argv[optind - 1]);
			opts_usage(usage);
		}
		handle(c, optarg);
	}
	return optind;
}
