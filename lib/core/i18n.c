/* i18n.c: arc's own messages in the user's language (GNU gettext, domain
 * "arc"), while the rest of the process stays in the C locale's messages:
 * the errors of the system and of SQLite that go into records and the
 * archive read the same whoever ran the program. */
#include <libintl.h>
#include <limits.h>
#include <locale.h>
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
