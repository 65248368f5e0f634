/* strmap.c: a hash map from strings to numbers, for vocabularies and lookups. */
#include <stdlib.h>
#include <string.h>

#include "private.h"

struct slot {
	char *key;      /* NULL: empty */
	size_t len;
	long value;
	uint64_t hash;
};

struct arc_strmap {
	struct slot *slots;
	size_t cap, used;  /* cap is a power of two, kept at most half full */
};

/* FNV-1a: short keys, few of them; good enough and obviously correct. */
static uint64_t
hash_of(const char *key, size_t len)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * 1099511628211ull;
	return h;
}

struct arc_strmap *
arc_strmap_new(void)
{
	struct arc_strmap *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return NULL;
	m->cap = 64;
	if ((m->slots = calloc(m->cap, sizeof(*m->slots))) == NULL) {
		free(m);
		return NULL;
	}
	return m;
}

void
arc_strmap_free(struct arc_strmap *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	free(m);
}

static struct slot *
find(const struct arc_strmap *m, const char *key, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	for (;;) {
		struct slot *s = &m->slots[i];
		if (s->key == NULL || (s->hash == h && s->len == len &&
		    memcmp(s->key, key, len) == 0))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

static int
grow(struct arc_strmap *m)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap;

	if ((m->slots = calloc(oldcap * 2, sizeof(*m->slots))) == NULL) {
		m->slots = old;
		return ARC_FATAL;
	}
	m->cap = oldcap * 2;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*find(m, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
	return ARC_OK;
}

int
arc_strmap_put(struct arc_strmap *m, const char *key, size_t len, long value)
{
	uint64_t h = hash_of(key, len);
	struct slot *s = find(m, key, len, h);

	if (s->key == NULL) {
		if ((m->used + 1) * 2 > m->cap) {
			if (grow(m) != ARC_OK)
				return ARC_FATAL;
			s = find(m, key, len, h);
		}
		if ((s->key = malloc(len + 1)) == NULL)
			return ARC_FATAL;
		memcpy(s->key, key, len);
		s->key[len] = '\0';
		s->len = len;
		s->hash = h;
		m->used++;
	}
	s->value = value;
	return ARC_OK;
}

int
arc_strmap_get(const struct arc_strmap *m, const char *key, size_t len,
    long *value)
{
	const struct slot *s = find(m, key, len, hash_of(key, len));

	if (s->key == NULL)
		return 0;
	if (value != NULL)
		*value = s->value;
	return 1;
}

size_t
arc_strmap_count(const struct arc_strmap *m)
{
	return m->used;
}
