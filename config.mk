# gazette build configuration; override on the command line (make PREFIX=...).
VERSION = 0.1.0

PREFIX    = /usr/local
BINDIR    = $(PREFIX)/bin
MANPREFIX = $(PREFIX)/share/man

PKG_CONFIG ?= pkg-config

CC      ?= cc
CSTD     = -std=c11
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
OPT     ?= -O3 -g
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -DGAZETTE_VERSION=\"$(VERSION)\"

PCRE2_CFLAGS = `$(PKG_CONFIG) --cflags libpcre2-8`
PCRE2_LIBS   = `$(PKG_CONFIG) --libs libpcre2-8`
CSV_LIBS     = -lcsv
# iconv is part of glibc; on other systems add -liconv (GNU libiconv).
ICONV_LIBS   =

# make SANITIZE=1: AddressSanitizer and UndefinedBehaviorSanitizer.
ifeq ($(SANITIZE),1)
OPT      = -O1 -g -fno-omit-frame-pointer
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined
endif
