/* analyze: what the sources say together — who is named, where they agree, where their numbers
 * disagree, who said what, and when things happen.
 *
 * The analysis reads a prepared corpus (tokens with flags, sentence spans) and never reparses
 * raw text. It is built once per corpus and owns all of its memory (one arena):
 *
 *     signatures sig; signatures_build(corpus, &sig);
 *     analysis *an = analysis_build(corpus, &sig);
 *     analysis_to_json(an, root);             // entities[], conflicts[], quotes[], timeline[]
 *     analysis_free(an); signatures_free(&sig);
 *
 * Every `sources` set below holds 0-based document indices in ascending order; renderers print
 * them 1-based, as everywhere else in chorus.
 *
 * Modules: entities.c (names, types, merged spellings), conflicts.c (numbers that disagree),
 * quotes.c (direct quotations and their speakers), timeline.c (dated events), analyze.c (sentence
 * groups, agreement, JSON and Markdown). */
#ifndef CHORUS_ANALYZE_H
#define CHORUS_ANALYZE_H

#include <json-c/json.h>
#include <stddef.h>
#include <stdint.h>

#include "chorus.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "corpus/corpus.h"
#include "dedup/similar.h"

/* A set of documents: 0-based indices, ascending, no duplicates. */
typedef struct doc_set {
    uint32_t *ids;
    size_t n;
} doc_set;

typedef enum entity_type {
    ENTITY_OTHER = 0,
    ENTITY_PERSON,
    ENTITY_ORGANIZATION,
    ENTITY_PLACE,
} entity_type;

typedef struct entity {
    const char *name;      /* the canonical spelling: the most used full form */
    const char **variants; /* every spelling seen (name included), in first-seen order */
    size_t nvariants;
    entity_type type;
    int gender;     /* 0 unknown, 'm' or 'f' (from Mr./Ms./Mrs.); used by pronoun resolution */
    size_t mentions;
    doc_set sources;
} entity;

/* One place where an entity is named: tokens [first_token, first_token + ntokens) of the corpus,
 * title words excluded ("Deputy Foreign Minister Sergey Ryabkov" -> "Sergey Ryabkov"). */
typedef struct entity_mention {
    uint32_t entity; /* index in analysis.entities */
    uint32_t doc, sentence;
    uint32_t first_token, ntokens;
} entity_mention;

typedef struct conflict_value {
    const char *value; /* as written, with its hedge and unit: "more than seven hours" */
    double number;     /* 7 */
    uint32_t sentence; /* first corpus sentence that gives it */
    doc_set sources;
} conflict_value;

/* The same statement with incompatible numbers in different sources. */
typedef struct conflict {
    const char *statement; /* a sentence that makes the statement */
    const char *unit;      /* the normalized unit noun: "hour", "troop", "dollar" */
    conflict_value *values;
    size_t nvalues; /* >= 2, in order of first appearance */
} conflict;

typedef struct quote {
    const char *speaker; /* canonical entity name or NULL when unattributed */
    int32_t entity;      /* index in analysis.entities, or -1 */
    const char *text;    /* the quoted words, without the quotation marks */
    uint32_t sentence;   /* corpus sentence where the (first) quotation opens */
    doc_set sources;     /* every article that carries this quotation or a close variant */
} quote;

typedef enum date_precision {
    DATE_DAY = 0,
    DATE_WEEK,  /* "next week": day is that week's Monday */
    DATE_MONTH, /* "last month": day is the 1st */
    DATE_YEAR,  /* "in 2014": day is January 1 */
} date_precision;

typedef struct timeline_event {
    int32_t day; /* days since 1970-01-01 */
    date_precision precision;
    const char *when; /* the expression as written: "on Wednesday", "Jan. 12" */
    const char *text; /* the clause or sentence that the expression dates */
    uint32_t sentence;
    int inferred; /* 1: resolved against an inferred publication date (see doc_day_inferred) */
    doc_set sources;
} timeline_event;

typedef struct analysis {
    const chorus_corpus *corpus;
    arena mem;
    /* Sentence groups: the sentences of all articles that say the same thing. group[s] is the
     * smallest sentence index of s's group; members of group g are
     * group_members[group_start[g] .. group_start[g + 1]) in the order of the group ids. */
    uint32_t *group;
    uint32_t *group_rank; /* sentence -> position of its group in group_start */
    uint32_t *group_start, *group_members;
    size_t ngroups;
    /* Publication day of each document. A document without a date gets the most common date
     * of the other documents of the cluster, with doc_day_inferred set; INT32_MIN if none. */
    int32_t *doc_day;
    uint8_t *doc_day_inferred;

    entity *entities;
    size_t nentities;
    entity_mention *mentions; /* in corpus token order */
    size_t nmentions;
    conflict *conflicts;
    size_t nconflicts;
    quote *quotes;
    size_t nquotes;
    timeline_event *events; /* ordered by day, then precision, then first source */
    size_t nevents;
} analysis;

/* Builds the whole analysis. sig must be the corpus's signatures. Never returns NULL. */
analysis *analysis_build(const chorus_corpus *c, const signatures *sig);
void analysis_free(analysis *an);

/* The documents that carry corpus sentence s or another sentence of its group (set in mem). */
doc_set analysis_support(const analysis *an, uint32_t s, arena *mem);

/* Adds "reference_dates", "entities", "conflicts", "quotes" and "timeline" to root. */
void analysis_to_json(const analysis *an, json_object *root);

/* Adds "agreement": for each summary sentence, the articles that support it. */
void analysis_agreement_to_json(const analysis *an, const chorus_summary *sum, json_object *root);

/* Appends the summary and the analysis as a Markdown report. */
void analysis_to_markdown(const analysis *an, const chorus_summary *sum, buf *out);

/* "YYYY-MM-DD" of a day number, into out (at least 11 bytes). */
void analysis_format_day(int32_t day, char *out);
const char *entity_type_name(entity_type t);
const char *date_precision_name(date_precision p);

/* Support of one summary sentence: its summary sources joined with its sentence group. The
 * count used for agreement bars is `sources.n` for now; when the dedup task provides
 * independent_sources (syndicated copies counted once), agreement_independent() is the one place
 * to switch. */
typedef struct agreement {
    doc_set sources;
    size_t independent;
} agreement;
agreement analysis_agreement(const analysis *an, const chorus_summary *sum, size_t item,
                             arena *mem);

#endif
