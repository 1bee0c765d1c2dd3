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
LIBDIR  ?= $(PREFIX)/lib
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
FEED_PC    := uuid jansson gumbo zlib
# Headers only: feed/netlib.c loads these with dlopen() when a command
# fetches or serves, or a feed needs a SHA-256 or base64, and
# feed/xmllib.c loads libxml2 when a command first uses it, so that no
# other command pays for them.
FEED_DL_PC := libcurl libmicrohttpd libcrypto libxml-2.0
CLI_PC     := jansson
TEST_PC    := cmocka

COMMON_SRC  := $(wildcard common/*.c)
# media/ is split in two (see media/load.c): the FFmpeg-linked part is
# built into siar-media.so, loaded on first use; the siar binary holds only
# the loader and the FFmpeg-free helpers (info.c).
MEDIA_SRC   := $(filter-out media/load.c media/so.c media/batch.c,$(wildcard media/*.c))
MEDIA_PURE  := $(wildcard media/info.c) media/batch.c
CATALOG_SRC := $(wildcard catalog/*.c)
FEED_SRC    := $(wildcard feed/*.c)
# The site's templates, style sheet and script, built into siar as C arrays.
TPL_FILES   := $(sort $(wildcard feed/templates/*))
CLI_SRC     := $(wildcard cli/*.c)

obj = $(patsubst %.c,$(B)/%.o,$(1))
FEED_OBJ = $(call obj,$(FEED_SRC)) $(B)/gen/feed_templates.o
pic = $(patsubst %.c,$(B)/pic/%.o,$(1))

$(B)/media/%.o:   CFLAGS += $(call pc_cflags,$(MEDIA_PC))
$(B)/pic/media/%.o: CFLAGS += $(call pc_cflags,$(MEDIA_PC))
$(B)/media/load.o: CPPFLAGS += -DSIAR_LIBDIR='"$(LIBDIR)/siar"'
$(B)/catalog/%.o: CFLAGS += $(call pc_cflags,$(CATALOG_PC))
$(B)/feed/%.o:    CFLAGS += $(call pc_cflags,$(FEED_PC) $(FEED_DL_PC))
# syscall() for openat2(), which glibc 2.36 does not wrap, and O_PATH.
$(B)/feed/serve.o: CPPFLAGS += -D_GNU_SOURCE
# renameat2(RENAME_EXCHANGE) swaps the built site in (see feed/site_fs.c).
$(B)/feed/site_fs.o: CPPFLAGS += -D_GNU_SOURCE
# sched_getcpu() and pthread_setaffinity_np() keep the feed's two threads
# apart (see feed/feed.c).
$(B)/feed/feed.o: CPPFLAGS += -D_GNU_SOURCE
$(B)/tests/test_feed.o: CPPFLAGS += -D_GNU_SOURCE
$(B)/cli/%.o:     CFLAGS += $(call pc_cflags,$(CLI_PC) $(FEED_PC))
$(B)/tests/%.o:   CFLAGS += $(call pc_cflags,$(TEST_PC) $(FEED_PC) $(CATALOG_PC) libxml-2.0)
# The feed tests check what siar writes with libxml2 itself.
TEST_XML_LIBS := $(call pc_libs,libxml-2.0)

SIAR_LIBS := $(call pc_libs,$(CATALOG_PC) $(FEED_PC) $(CLI_PC)) -ldl -lpthread -lm

UNIT_TESTS := $(B)/tests/test_common $(B)/tests/test_media \
              $(B)/tests/test_media_analyze \
              $(B)/tests/test_catalog $(B)/tests/test_catalog_review \
              $(B)/tests/test_catalog_rhythm $(B)/tests/test_catalog_dump \
              $(B)/tests/test_feed $(B)/tests/test_feed_html \
              $(B)/tests/test_feed_p20 $(B)/tests/test_feed_lint \
              $(B)/tests/test_feed_serve $(B)/tests/test_catalog_import \
              $(B)/tests/test_feed_import $(B)/tests/test_feed_site \
              $(B)/tests/test_feed_xmlout

.PHONY: all check unit install uninstall clean format fuzz
all: siar

siar: $(B)/siar $(B)/siar-media.so
ifeq ($(VARIANT),normal)
	cp $(B)/siar $@
	cp $(B)/siar-media.so siar-media.so
else
	@true
endif

$(B)/siar: $(call obj,$(CLI_SRC) $(CATALOG_SRC) media/load.c $(MEDIA_PURE) $(COMMON_SRC)) $(FEED_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(SIAR_LIBS)

$(B)/siar-media.so: $(call pic,$(MEDIA_SRC) media/so.c $(COMMON_SRC)) media/siar-media.map
	$(CC) -shared $(LDFLAGS) -Wl,--version-script=media/siar-media.map \
		-o $@ $(filter %.o,$^) $(call pc_libs,$(MEDIA_PC)) -lm

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/gen/feed_templates.c: $(TPL_FILES) scripts/embed-templates.sh
	@mkdir -p $(dir $@)
	bash scripts/embed-templates.sh $(TPL_FILES) >$@.tmp
	mv $@.tmp $@

$(B)/gen/feed_templates.o: $(B)/gen/feed_templates.c feed/feed_int.h feed/feed.h
	$(CC) $(CPPFLAGS) -I. $(CFLAGS) -c -o $@ $<

$(B)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fPIC -MMD -MP -c -o $@ $<

# A module's tests link only that module and common/ (feed reads an
# in-memory catalogue, so it links catalog/ too).
$(B)/tests/test_common: $(B)/tests/test_common.o $(call obj,$(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC))
$(B)/tests/test_media: $(B)/tests/test_media.o $(call obj,$(MEDIA_SRC) media/batch.c $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(MEDIA_PC)) -lpthread -lm
$(B)/tests/test_media_analyze: $(B)/tests/test_media_analyze.o $(call obj,$(MEDIA_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(MEDIA_PC)) -lm
$(B)/tests/test_catalog: $(B)/tests/test_catalog.o $(call obj,$(CATALOG_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(CATALOG_PC))
$(B)/tests/test_catalog_review: $(B)/tests/test_catalog_review.o $(call obj,$(CATALOG_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(CATALOG_PC))
$(B)/tests/test_catalog_rhythm: $(B)/tests/test_catalog_rhythm.o $(call obj,$(CATALOG_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(CATALOG_PC))
$(B)/tests/test_catalog_import: $(B)/tests/test_catalog_import.o $(call obj,$(CATALOG_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(CATALOG_PC))
$(B)/tests/test_catalog_dump: $(B)/tests/test_catalog_dump.o $(call obj,$(CATALOG_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(CATALOG_PC))
$(B)/tests/test_feed: $(B)/tests/test_feed.o $(FEED_OBJ) $(call obj,$(CATALOG_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(FEED_PC) $(CATALOG_PC)) $(TEST_XML_LIBS)
$(B)/tests/test_feed_site: $(B)/tests/test_feed_site.o $(FEED_OBJ) $(call obj,$(CATALOG_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(FEED_PC) $(CATALOG_PC)) $(TEST_XML_LIBS)
$(B)/tests/test_feed_html: $(B)/tests/test_feed_html.o $(call obj,feed/html.c $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(FEED_PC)) $(TEST_XML_LIBS)
$(B)/tests/test_feed_xmlout: $(B)/tests/test_feed_xmlout.o $(call obj,feed/xmlout.c feed/xmllib.c $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC)) $(TEST_XML_LIBS)
$(B)/tests/test_feed_p20: $(B)/tests/test_feed_p20.o $(FEED_OBJ) $(call obj,$(CATALOG_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(FEED_PC) $(CATALOG_PC)) $(TEST_XML_LIBS)
$(B)/tests/test_feed_lint: $(B)/tests/test_feed_lint.o $(FEED_OBJ) $(call obj,$(CATALOG_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(FEED_PC) $(CATALOG_PC)) $(TEST_XML_LIBS) -lm
# The HTTP server's parsers and path resolver need only feed/serve.c.
$(B)/tests/test_feed_serve: $(B)/tests/test_feed_serve.o $(call obj,feed/serve.c feed/netlib.c $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) zlib) -ldl -lpthread

$(B)/tests/test_feed_import: $(B)/tests/test_feed_import.o $(FEED_OBJ) $(call obj,$(CATALOG_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(TEST_PC) $(FEED_PC) $(CATALOG_PC)) $(TEST_XML_LIBS)

unit: $(UNIT_TESTS)

check: siar $(B)/siar-media.so $(UNIT_TESTS)
	@SIAR="$(CURDIR)/$(B)/siar" BUILD="$(CURDIR)/$(B)" \
		bash tests/run.sh $(UNIT_TESTS)

# libFuzzer target for media_probe() (needs clang); see tests/fuzz/.
FUZZ_CFLAGS := -O1 -g -std=c11 -D_XOPEN_SOURCE=700 \
	-fsanitize=fuzzer,address,undefined $(call pc_cflags,$(MEDIA_PC))
fuzz: build/fuzz/fuzz_probe
build/fuzz/fuzz_probe: tests/fuzz/fuzz_probe.c $(MEDIA_SRC) $(COMMON_SRC) media/media.h
	@mkdir -p build/fuzz/corpus
	clang $(FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_probe.c $(MEDIA_SRC) \
		$(COMMON_SRC) $(call pc_libs,$(MEDIA_PC)) -lm

# The catalogue side of scripts/bench-catalog (not a test).
$(B)/bench_catalog: $(B)/tests/bench/bench_catalog.o $(call obj,$(CATALOG_SRC) $(COMMON_SRC))
	$(CC) $(LDFLAGS) -o $@ $^ $(call pc_libs,$(CATALOG_PC))

install: siar
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)/man1" \
		"$(DESTDIR)$(LIBDIR)/siar"
	install -m 755 siar "$(DESTDIR)$(BINDIR)/siar"
	install -m 644 siar-media.so "$(DESTDIR)$(LIBDIR)/siar/siar-media.so"
	install -m 644 siar.1 "$(DESTDIR)$(MANDIR)/man1/siar.1"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/siar" "$(DESTDIR)$(MANDIR)/man1/siar.1" \
		"$(DESTDIR)$(LIBDIR)/siar/siar-media.so"

clean:
	rm -rf build siar siar-media.so

format:
	clang-format -i */*.c */*.h

-include $(shell find build -name '*.d' 2>/dev/null)
