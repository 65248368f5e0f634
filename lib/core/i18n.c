/* i18n.c: arc's own messages in the user's language (GNU gettext, domain
 * "arc"), while the rest of the process stays in the C locale's messages:
 * the errors of the system and of SQLite that go into records and the
 * archive read the same whoever ran the program. */
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "arc_core.h"
#include "arc_i18n.h"

/* The user's LC_MESSAGES (LC_ALL, LC_MESSAGES, LANG; then LANGUAGE), or
 * 0 when no catalogue serves it (C, English): the messages as written. */
static locale_t user_messages;

void
arc_i18n_init(void)
{
	char dir[PATH_MAX];

	arc_locale_dir(dir, sizeof(dir));
	bindtextdomain(ARC_TEXTDOMAIN, dir);
	bind_textdomain_codeset(ARC_TEXTDOMAIN, "UTF-8");
	/* A locale that is not installed (LANG=id_ID without .UTF-8):
	 * C.UTF-8, in which LANGUAGE=id still counts. */
	user_messages = newlocale(LC_MESSAGES_MASK, "", (locale_t)0);
	if (user_messages == (locale_t)0)
		user_messages = newlocale(LC_MESSAGES_MASK, "C.UTF-8",
		    (locale_t)0);
	/* No catalogue for the user's language (English, C under cron):
	 * no lookup at every message. */
	if (user_messages != (locale_t)0) {
		locale_t was = uselocale(user_messages);
		int none = *dgettext(ARC_TEXTDOMAIN, "") == '\0';
		uselocale(was);
		if (none) {
			freelocale(user_messages);
			user_messages = (locale_t)0;
		}
	}
}

const char *
arc_gettext(const char *msgid)
{
	const char *text;
	locale_t was;

	if (user_messages == (locale_t)0 || *msgid == '\0')
		return msgid;
	was = uselocale(user_messages);
	text = dgettext(ARC_TEXTDOMAIN, msgid);
	uselocale(was);
	return text;
}

const char *
arc_strerror(int errnum)
{
	if (user_messages == (locale_t)0)
		return strerror(errnum);
	return strerror_l(errnum, user_messages);
}

const char *
arc_ngettext(const char *one, const char *many, unsigned long n)
{
	const char *text;
	locale_t was;

	if (user_messages == (locale_t)0)
		return n == 1 ? one : many;
	was = uselocale(user_messages);
	text = dngettext(ARC_TEXTDOMAIN, one, many, n);
	uselocale(was);
	return text;
}

/* The translation of format, "%d" for each number, with numbers' digits
 * put back in order; NULL when it is none or has other conversions. */
static char *
with_numbers(const char *format, const char *message)
{
	const char *text = _(format), *m = message;
	size_t size = strlen(text) + strlen(message) + 1, n = 0;
	char *out;

	if (text == format || (out = malloc(size)) == NULL)
		return NULL;
	for (const char *t = text; *t != '\0'; t++) {
		if (t[0] == '%' && t[1] == '%') {
			out[n++] = *t++;
			continue;
		}
		if (t[0] != '%') {
			out[n++] = *t;
			continue;
		}
		if (t[1] != 'd') {
			free(out);
			return NULL;
		}
		/* The next number of the message. */
		while (*m != '\0' && !(*m >= '0' && *m <= '9'))
			m++;
		while (*m >= '0' && *m <= '9' && n + 1 < size)
			out[n++] = *m++;
		t++;
	}
	out[n] = '\0';
	return out;
}

char *
arc_stored_text(const char *message)
{
	const char *text = _(message);
	char *format, *f, *out;

	if (text != message || strpbrk(message, "0123456789%") == NULL)
		return strdup(text);
	/* Each run of digits as %d; a "%" of the message as "%%". */
	if ((format = f = malloc(2 * strlen(message) + 1)) == NULL)
		return NULL;
	for (const char *m = message; *m != '\0'; ) {
		if (*m >= '0' && *m <= '9') {
			while (*m >= '0' && *m <= '9')
				m++;
			*f++ = '%';
			*f++ = 'd';
		} else if (*m == '%') {
			*f++ = '%';
			*f++ = *m++;
		} else {
			*f++ = *m++;
		}
	}
	*f = '\0';
	out = with_numbers(format, message);
	free(format);
	return out != NULL ? out : strdup(message);
}
