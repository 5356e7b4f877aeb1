/* diag.c: diagnostics in the form "prog: source:line: message". */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

const char *diag_prog = "gazette";
int diag_strict;
long diag_warnings;

void
diag_init(const char *argv0)
{
	const char *slash;

	/* A closed pipe is a write error (exit 2 after a message), not a
	 * death by signal that a cron job cannot tell from a crash. */
	signal(SIGPIPE, SIG_IGN);
	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	diag_prog = slash ? slash + 1 : argv0;
}

static void
vmsg(const char *src, long line, const char *kind, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", diag_prog);
	if (src != NULL) {
		if (line > 0)
			fprintf(stderr, "%s:%ld: ", src, line);
		else
			fprintf(stderr, "%s: ", src);
	}
	if (kind != NULL)
		fputs(kind, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
diag_msg(const char *src, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(src, line, NULL, fmt, ap);
	va_end(ap);
}

void
diag_warn(const char *src, long line, const char *fmt, ...)
{
	va_list ap;

	diag_warnings++;
	va_start(ap, fmt);
	vmsg(src, line, "warning: ", fmt, ap);
	va_end(ap);
}

void
die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, NULL, fmt, ap);
	va_end(ap);
	exit(status);
}

int
diag_finish(int status)
{
	int bad;

	bad = fflush(stdout) != 0 || ferror(stdout);
	if (fclose(stdout) != 0)
		bad = 1;
	if (bad) {
		diag_msg(NULL, 0, "write error: %s", strerror(errno ? errno : EIO));
		return EXIT_USAGE;
	}
	if (status == EXIT_OK && diag_strict && diag_warnings > 0)
		return EXIT_DATA;
	return status;
}

void
diag_version(void)
{
	printf("%s %s\n", diag_prog, GAZETTE_VERSION);
}

const char *
diag_srcname(const char *operand)
{
	return strcmp(operand, "-") == 0 ? "<stdin>" : operand;
}
