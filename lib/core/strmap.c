/* strmap.c: a hash map from strings to numbers, for vocabularies and lookups. */
#include <stdlib.h>
#include <string.h>

#include "arc_core.h"

/*
 * Keys of up to INLINE bytes are kept in the slot itself, longer ones in
 * memory of their own: a lookup of a word (most are shorter) reads one
 * slot and nothing else.  Numbering the words of a million pages through
 * the archive's vocabulary, a pointer to every key cost a second cache
 * miss per word and doubled the lookups' time.
 */
#define INLINE 16

struct slot {
	uint32_t hash;
	uint32_t len;   /* UINT32_MAX: empty */
	long value;
	union {
		char bytes[INLINE];
		char *ptr;      /* len > INLINE */
	} key;
};

struct arc_strmap {
	struct slot *slots;
	size_t cap, used;  /* cap is a power of two, kept at most half full */
};

#define EMPTY UINT32_MAX

/* FNV-1a: short keys; good enough and obviously correct. */
uint32_t
arc_strmap_hash(const char *key, size_t len)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * 1099511628211ull;
	return (uint32_t)(h ^ (h >> 32));
}

static const char *
key_of(const struct slot *s)
{
	return s->len <= INLINE ? s->key.bytes : s->key.ptr;
}

static struct slot *
new_slots(size_t cap)
{
	struct slot *slots = malloc(cap * sizeof(*slots));

	if (slots != NULL)
		for (size_t i = 0; i < cap; i++)
			slots[i].len = EMPTY;
	return slots;
}

struct arc_strmap *
arc_strmap_new(void)
{
	struct arc_strmap *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return NULL;
	m->cap = 64;
	if ((m->slots = new_slots(m->cap)) == NULL) {
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
		if (m->slots[i].len != EMPTY && m->slots[i].len > INLINE)
			free(m->slots[i].key.ptr);
	free(m->slots);
	free(m);
}

static struct slot *
find(const struct arc_strmap *m, const char *key, size_t len, uint32_t h)
{
	size_t i = h & (m->cap - 1);

	for (;;) {
		struct slot *s = &m->slots[i];
		if (s->len == EMPTY || (s->hash == h && s->len == len &&
		    memcmp(key_of(s), key, len) == 0))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

static int
grow(struct arc_strmap *m)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap;

	if ((m->slots = new_slots(oldcap * 2)) == NULL) {
		m->slots = old;
		return ARC_FATAL;
	}
	m->cap = oldcap * 2;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].len != EMPTY)
			*find(m, key_of(&old[i]), old[i].len, old[i].hash) =
			    old[i];
	free(old);
	return ARC_OK;
}

int
arc_strmap_put(struct arc_strmap *m, const char *key, size_t len, long value)
{
	uint32_t h = arc_strmap_hash(key, len);
	struct slot *s;

	if (len >= EMPTY)
		return ARC_FATAL;
	s = find(m, key, len, h);
	if (s->len == EMPTY) {
		if ((m->used + 1) * 2 > m->cap) {
			if (grow(m) != ARC_OK)
				return ARC_FATAL;
			s = find(m, key, len, h);
		}
		if (len > INLINE) {
			if ((s->key.ptr = malloc(len)) == NULL)
				return ARC_FATAL;
			memcpy(s->key.ptr, key, len);
		} else {
			memcpy(s->key.bytes, key, len);
		}
		s->len = (uint32_t)len;
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
	const struct slot *s;

	if (len >= EMPTY)
		return 0;
	s = find(m, key, len, arc_strmap_hash(key, len));
	if (s->len == EMPTY)
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
