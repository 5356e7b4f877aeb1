/* ealloc.c: allocation that dies with a message instead of failing. */
#include <stdlib.h>
#include <string.h>

#include "gazette.h"

void *
emalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		die(EXIT_USAGE, "out of memory (%zu bytes)", n);
	return p;
}

void *
ecalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		die(EXIT_USAGE, "out of memory (%zu x %zu bytes)", nmemb, size);
	return p;
}

void *
erealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		die(EXIT_USAGE, "out of memory (%zu bytes)", n);
	return q;
}

char *
estrndup(const char *s, size_t n)
{
	char *p = emalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
estrdup(const char *s)
{
	return estrndup(s, strlen(s));
}
