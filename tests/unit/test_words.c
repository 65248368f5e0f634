/* test_words.c: what a word is made of, in characters and in bytes taken alone. */
#include <locale.h>

#include "arc_core.h"
#include "check.h"

static void
test_word_char(void)
{
	CHECK(arc_is_word_char('a') && arc_is_word_char('Z'));
	CHECK(arc_is_word_char('0') && arc_is_word_char('9'));
	CHECK(!arc_is_word_char('_') && !arc_is_word_char('-'));
	CHECK(!arc_is_word_char(' ') && !arc_is_word_char('\0'));
	CHECK(arc_is_word_char(0xe9));          /* é */
	CHECK(arc_is_word_char(0x0661));        /* Arabic-Indic digit one */
	CHECK(!arc_is_word_char(0xa0));         /* no-break space */
	CHECK(!arc_is_word_char(0x2014));       /* em dash */
}

static void
test_word_byte(void)
{
	for (int c = 0; c < 0x80; c++)
		CHECK(arc_is_word_byte((unsigned char)c) ==
		    arc_is_word_char((unsigned long)c));
	/* A byte of a longer sequence is no character by itself, though
	 * U+00C3 is a letter. */
	CHECK(!arc_is_word_byte(0xc3) && !arc_is_word_byte(0xa9));
	CHECK(!arc_is_word_byte('_'));
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_word_char();
	test_word_byte();
	return CHECK_DONE();
}
