# siar: build, test and install.
#
#   make                 build ./siar
#   make check           build and run every test (ends "N passed, N failed")
#   make check SANITIZE=1  the same, built with -fsanitize=address,undefined
#   make install         install into $(DESTDIR)$(PREFIX)
#   make clean
#
# Objects live in build/normal or build/sanitize so the two builds never mix.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
PKG_CONFIG ?= pkg-config

CC      ?= cc
# POSIX 2008 with the XSI extension: realpath(), mkstemp() and friends.
CPPFLAGS += -D_XOPEN_SOURCE=700
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 \
           -Wstrict-prototypes -Wmissing-prototypes -Wvla \
           -Wwrite-strings -Wpointer-arith -fno-common
WERROR  ?= -Werror
CFLAGS  += $(WERROR)

ifeq ($(SANITIZE),1)
VARIANT := sanitize
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
else
VARIANT := normal
endif
B := build/$(VARIANT)

# pkg-config include paths become -isystem so -Werror judges our code only.
pc_cflags = $(patsubst -I%,-isystem %,$(shell $(PKG_CONFIG) --cflags $(1)))
pc_libs   = $(shell $(PKG_CONFIG) --libs $(1))

MEDIA_PC   := libavformat libavcodec libavutil libavfilter libswscale libcrypto
CATALOG_PC := sqlite3
FEED_PC    := libxml-2.0
CLI_PC     := jansson
TEST_PC    := cmocka

COMMON_SRC  := $(wildcard common/*.c)
MEDIA_SRC   := $(wildcard media/*.c)
CATALOG_SRC := $(wildcard catalog/*.c)
FEED_SRC    := $(wildcard feed/*.c)
CLI_SRC     := $(wildcard cli/*.c)

obj = $(patsubst %.c,$(B)/%.o,$(1))

$(B)/media/%.o:   CFLAGS += $(call pc_cflags,$(MEDIA_PC))
$(B)/catalog/%.o: CFLAGS += $(call pc_cflags,$(CATALOG_PC))
$(B)/feed/%.o:    CFLAGS += $(call pc_cflags,$(FEED_PC))
$(B)/cli/%.o:     CFLAGS += $(call pc_cflags,$(CLI_PC) $(FEED_PC))
$(B)/tests/%.o:   CFLAGS += $(call pc_cflags,$(TEST_PC) $(FEED_PC) $(CATALOG_PC))

ALL_LIBS := $(call pc_libs,$(MEDIA_PC) $(CATALOG_PC) $(FEED_PC) $(CLI_PC)) -lm

UNIT_TESTS := $(B)/tests/test_common $(B)/tests/test_media \
              $(B)/tests/test_media_analyze \
              $(B)/tests/test_catalog $(B)/tests/test_feed

.PHONY: all check unit install uninstall clean format
all: siar

siar: $(B)/siar
ifeq ($(VARIANT),normal)
	cp $(B)/siar $@
else
	@true
endif

$(B)/siar: $(call obj,$(CLI_SRC) $(FEED_SRC) $(CATALOG_SRC) $(MEDIA_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(ALL_LIBS)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# A module's tests link only that module and common/ (feed reads an
# in-memory catalogue, so it links catalog/ too).
$(B)/tests/test_common: $(B)/tests/test_common.o $(call obj,$(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC))
$(B)/tests/test_media: $(B)/tests/test_media.o $(call obj,$(MEDIA_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(MEDIA_PC))
$(B)/tests/test_media_analyze: $(B)/tests/test_media_analyze.o $(call obj,$(MEDIA_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(MEDIA_PC))
$(B)/tests/test_catalog: $(B)/tests/test_catalog.o $(call obj,$(CATALOG_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(CATALOG_PC))
$(B)/tests/test_feed: $(B)/tests/test_feed.o $(call obj,$(FEED_SRC) $(CATALOG_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(FEED_PC) $(CATALOG_PC))

unit: $(UNIT_TESTS)

check: siar $(UNIT_TESTS)
	@SIAR="$(CURDIR)/$(B)/siar" BUILD="$(CURDIR)/$(B)" \
		bash tests/run.sh $(UNIT_TESTS)

install: siar
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1"
	install -m 755 siar "$(DESTDIR)$(BINDIR)/siar"
	install -m 644 siar.1 "$(DESTDIR)$(MANDIR)/man1/siar.1"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/siar" "$(DESTDIR)$(MANDIR)/man1/siar.1"

clean:
	rm -rf build siar

format:
	clang-format -i */*.c */*.h

-include $(shell find build -name '*.d' 2>/dev/null)
