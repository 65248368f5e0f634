/* jsonquick.c: a fast reader for well-formed records; anything it is not sure of goes to jansson, which says what is wrong. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core_internal.h"

/*
 * jansson reads a character at a time through its stream and builds each
 * string a byte at a time: a fifth of arc-index's instructions went there.
 * This reads the usual record in bulk.  It gives up (NULL) on anything
 * unusual — a syntax error, a duplicate key, \u0000, a lone surrogate, a
 * real number, deep nesting — and the caller asks jansson, so results and
 * messages stay jansson's.  The text is valid UTF-8 already.
 */

#define QUICK_DEPTH 32

struct quick {
	const char *p, *end;
	char *buf;              /* a string's decoded bytes */
	size_t cap;
};

static json_t *value(struct quick *q, int depth);

static void
skip_space(struct quick *q)
{
	while (q->p < q->end && (*q->p == ' ' || *q->p == '\t' ||
	    *q->p == '\n' || *q->p == '\r'))
		q->p++;
}

static int
room(struct quick *q, size_t need)
{
	return arc_grow(&q->buf, &q->cap, 0, need, 1) == ARC_OK;
}

static int
hex4(const char *p, unsigned *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			*v |= (unsigned)((c | 0x20) - 'a' + 10);
		else
			return 0;
	}
	return 1;
}

/* A string's bytes into q->buf, NUL-terminated; the length, or -1. */
static long
string(struct quick *q)
{
	size_t n = 0;

	q->p++;                 /* the opening quote */
	for (;;) {
		const char *run = q->p;
		while (q->p < q->end && *q->p != '"' && *q->p != '\\' &&
		    (unsigned char)*q->p >= 0x20)
			q->p++;
		if (!room(q, n + (size_t)(q->p - run) + 5))
			return -1;
		memcpy(q->buf + n, run, (size_t)(q->p - run));
		n += (size_t)(q->p - run);
		if (q->p >= q->end || (unsigned char)*q->p < 0x20)
			return -1;
		if (*q->p++ == '"')
			break;
		if (q->p >= q->end)
			return -1;
		switch (*q->p++) {
		case '"': q->buf[n++] = '"'; break;
		case '\\': q->buf[n++] = '\\'; break;
		case '/': q->buf[n++] = '/'; break;
		case 'b': q->buf[n++] = '\b'; break;
		case 'f': q->buf[n++] = '\f'; break;
		case 'n': q->buf[n++] = '\n'; break;
		case 'r': q->buf[n++] = '\r'; break;
		case 't': q->buf[n++] = '\t'; break;
		case 'u': {
			unsigned cp, lo;
			char utf8[4];
			if (q->end - q->p < 4 || !hex4(q->p, &cp))
				return -1;
			q->p += 4;
			if (cp == 0 || (cp >= 0xdc00 && cp <= 0xdfff))
				return -1;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (q->end - q->p < 6 || q->p[0] != '\\' ||
				    q->p[1] != 'u' || !hex4(q->p + 2, &lo) ||
				    lo < 0xdc00 || lo > 0xdfff)
					return -1;
				q->p += 6;
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
			}
			size_t m = arc_utf8_encode(cp, utf8);
			memcpy(q->buf + n, utf8, m);
			n += m;
			break;
		}
		default:
			return -1;
		}
	}
	q->buf[n] = '\0';
	return (long)n;
}

/* An integer as jansson takes it; reals are left to jansson. */
static json_t *
number(struct quick *q)
{
	const char *s = q->p;
	char digits[24];
	long long v;

	if (q->p < q->end && *q->p == '-')
		q->p++;
	if (q->p >= q->end || *q->p < '0' || *q->p > '9')
		return NULL;
	if (*q->p == '0' && q->p + 1 < q->end && q->p[1] >= '0' &&
	    q->p[1] <= '9')
		return NULL;
	while (q->p < q->end && *q->p >= '0' && *q->p <= '9')
		q->p++;
	if (q->p < q->end && (*q->p == '.' || *q->p == 'e' || *q->p == 'E'))
		return NULL;
	if ((size_t)(q->p - s) >= sizeof(digits) - 1 || q->p - s > 18)
		return NULL;    /* may overflow: jansson says so */
	memcpy(digits, s, (size_t)(q->p - s));
	digits[q->p - s] = '\0';
	errno = 0;
	v = strtoll(digits, NULL, 10);
	return errno ? NULL : json_integer(v);
}

static json_t *
word(struct quick *q, const char *w, json_t *v)
{
	size_t n = strlen(w);

	if ((size_t)(q->end - q->p) < n || memcmp(q->p, w, n) != 0) {
		json_decref(v);
		return NULL;
	}
	q->p += n;
	return v;
}

static json_t *
object(struct quick *q, int depth)
{
	json_t *o = json_object(), *v;

	q->p++;
	skip_space(q);
	if (q->p < q->end && *q->p == '}') {
		q->p++;
		return o;
	}
	while (o != NULL) {
		char *key;
		long n;
		skip_space(q);
		if (q->p >= q->end || *q->p != '"' || (n = string(q)) < 0 ||
		    (key = strdup(q->buf)) == NULL)
			break;
		skip_space(q);
		if (q->p >= q->end || *q->p++ != ':' ||
		    json_object_get(o, key) != NULL ||
		    (v = value(q, depth + 1)) == NULL) {
			free(key);
			break;
		}
		if (json_object_set_new_nocheck(o, key, v) != 0) {
			free(key);
			break;
		}
		free(key);
		skip_space(q);
		if (q->p < q->end && *q->p == ',') {
			q->p++;
			continue;
		}
		if (q->p < q->end && *q->p == '}') {
			q->p++;
			return o;
		}
		break;
	}
	json_decref(o);
	return NULL;
}

static json_t *
array(struct quick *q, int depth)
{
	json_t *a = json_array(), *v;

	q->p++;
	skip_space(q);
	if (q->p < q->end && *q->p == ']') {
		q->p++;
		return a;
	}
	while (a != NULL) {
		if ((v = value(q, depth + 1)) == NULL ||
		    json_array_append_new(a, v) != 0)
			break;
		skip_space(q);
		if (q->p < q->end && *q->p == ',') {
			q->p++;
			continue;
		}
		if (q->p < q->end && *q->p == ']') {
			q->p++;
			return a;
		}
		break;
	}
	json_decref(a);
	return NULL;
}

static json_t *
value(struct quick *q, int depth)
{
	long n;

	skip_space(q);
	if (q->p >= q->end || depth > QUICK_DEPTH)
		return NULL;
	switch (*q->p) {
	case '{':
		return object(q, depth);
	case '[':
		return array(q, depth);
	case '"':
		n = string(q);
		return n < 0 ? NULL : json_stringn_nocheck(q->buf, (size_t)n);
	case 't':
		return word(q, "true", json_true());
	case 'f':
		return word(q, "false", json_false());
	case 'n':
		return word(q, "null", json_null());
	default:
		return number(q);
	}
}

json_t *
arc_json_quick(const char *s, size_t len)
{
	struct quick q = { s, s + len, NULL, 0 };
	json_t *v;

	skip_space(&q);
	if (q.p >= q.end || *q.p != '{')
		return NULL;    /* jansson's message */
	v = value(&q, 0);
	free(q.buf);
	if (v != NULL) {
		skip_space(&q);
		if (q.p != q.end) {
			json_decref(v);
			v = NULL;
		}
	}
	return v;
}
