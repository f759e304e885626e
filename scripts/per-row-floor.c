/*
 * A baseline for scripts/bench-point-import.sh, not part of wancun: the statements wancun's point
 * import runs for each new row (the village's points, points within 50 m, the phone; then point,
 * point_status, operator, assignment, services and one audit line, chained with SHA-256 as
 * wancun's audit trail is), prepared once and run row by row through SQLite's C API, with no
 * checks beyond the lookups themselves and no parsing beyond splitting the generated CSV. Like
 * wancun, it reads each village once, and the chain's last hash once. It measures what running
 * the checks row by row costs in SQLite itself, apart from anything wancun adds, and writes the
 * same rows and audit lines (the benchmark compares them; `wancun audit verify` checks its chain).
 * Usage: per-row-floor DATABASE POINTS.csv  (the file from scripts/generate.py points)
 * Build: cc -O2 per-row-floor.c -lsqlite3 -lcrypto
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sqlite3 *db;

static sqlite3_stmt *prepare(const char *sql) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, 0)) {
        fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
        exit(1);
    }
    return s;
}

static void run(sqlite3_stmt *s) {
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {}
    if (rc != SQLITE_DONE) {
        fprintf(stderr, "%s\n", sqlite3_errmsg(db));
        exit(1);
    }
    sqlite3_reset(s);
}

#define TEXT(s, i, v) sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC)
#define TEXT_OR_NULL(s, i, v) ((v)[0] ? sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(s, i))

/* Integer keys to integer values, open addressing: villages by code, ID numbers and phones seen. */
#define BITS 20
#define SLOTS (1 << BITS)
struct map { long long *keys, *values; };
static struct map map_new(void) { return (struct map){calloc(SLOTS, 8), calloc(SLOTS, 8)}; }
static long long *map_slot(struct map *m, long long key) {
    unsigned long long h = (unsigned long long)key * 0x9E3779B97F4A7C15ull;
    for (size_t i = h >> (64 - BITS);; i = (i + 1) & (SLOTS - 1))
        if (m->keys[i] == key || m->keys[i] == 0) { m->keys[i] = key; return &m->values[i]; }
}
static int map_has(struct map *m, long long key) {
    unsigned long long h = (unsigned long long)key * 0x9E3779B97F4A7C15ull;
    for (size_t i = h >> (64 - BITS);; i = (i + 1) & (SLOTS - 1)) {
        if (m->keys[i] == key) return 1;
        if (m->keys[i] == 0) return 0;
    }
}
/* An ID number (17 digits and a check character) or a phone as one integer, 0 if neither. */
static long long number(const char *s) {
    long long n = 1;
    for (; *s; s++) n = n * 11 + (*s == 'X' ? 10 : *s - '0');
    return n;
}

/* JSON as wancun writes it: text quoted (the generated file needs no escapes), empty as null,
   numbers as Swift prints a Double. */
static char *json_text(char *out, const char *v) {
    return out + (v[0] ? sprintf(out, "\"%s\"", v) : sprintf(out, "null"));
}
static void swift_double(char *out, double d) {
    sprintf(out, "%.15g", d);
    if (!strpbrk(out, ".e")) strcat(out, ".0");
}

/* The audit chain (Store/AuditChain.swift): SHA-256 of the previous hash and the line's netstrings. */
static char previous[65];
static void netstring(SHA256_CTX *h, const char *v) {
    char n[24];
    if (!v) { SHA256_Update(h, "~", 1); return; }
    SHA256_Update(h, n, sprintf(n, "%zu:", strlen(v)));
    SHA256_Update(h, v, strlen(v));
    SHA256_Update(h, ",", 1);
}
static void chain(long long id, const char *fields[9]) {
    SHA256_CTX h;
    unsigned char digest[32];
    char n[24];
    SHA256_Init(&h);
    SHA256_Update(&h, previous, 64);
    sprintf(n, "%lld", id);
    netstring(&h, n);
    for (int i = 0; i < 9; i++) netstring(&h, fields[i]);
    SHA256_Final(digest, &h);
    for (int i = 0; i < 32; i++) sprintf(previous + 2 * i, "%02x", digest[i]);
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: per-row-floor DATABASE POINTS.csv\n"); return 2; }
    if (sqlite3_open(argv[1], &db)) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); return 1; }
    sqlite3_exec(db, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536", 0, 0, 0);
    FILE *f = fopen(argv[2], "r");
    if (!f) { perror(argv[2]); return 1; }
    const char *file = strrchr(argv[2], '/') ? strrchr(argv[2], '/') + 1 : argv[2];
    char line[4096];
    if (!fgets(line, sizeof line, f)) return 1;
    sqlite3_stmt *village = prepare("SELECT id FROM division WHERE code = ?"),
        *same = prepare("SELECT * FROM point WHERE village_id = ? ORDER BY code"),
        *near = prepare("SELECT * FROM point WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ? AND status <> 'closed'"),
        *person = prepare("SELECT * FROM operator WHERE id_number = ?"),
        *phone = prepare("SELECT * FROM operator WHERE phone = ? AND id <> ? LIMIT 1"),
        *known = prepare("SELECT id_number, phone FROM operator"),
        *last = prepare("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1"),
        *point = prepare("INSERT INTO point (code, village_id, name, address, latitude, longitude, plan_year, opened_on, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'operating')"),
        *status = prepare("INSERT INTO point_status (point_id, from_status, status, on_date, reason, clerk) VALUES (?, NULL, 'operating', ?, '登记', 'bench')"),
        *op = prepare("INSERT INTO operator (id_number, name, phone, difficulty, certificate_no, certified_on, retirement_group) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        *assignment = prepare("INSERT INTO assignment (point_id, operator_id, started_on, contract_type, contract_from, contract_to) VALUES (?, ?, ?, ?, ?, ?)"),
        *service = prepare("INSERT INTO service (point_id, kind, started_on) VALUES (?, ?, ?)"),
        *audit = prepare("INSERT INTO audit (id, at, clerk, action, point_code, operator_id_number, after, reason, hash) VALUES (?, '2026-11-26T09:00:00+08:00', 'bench', 'point.import', ?, ?, ?, ?, ?)");
    sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0);
    /* What wancun reads once: the ID numbers and phones registered, and the chain's head. */
    struct map villages = map_new(), ids = map_new(), phones = map_new();
    while (sqlite3_step(known) == SQLITE_ROW) {
        *map_slot(&ids, number((const char *)sqlite3_column_text(known, 0))) = 1;
        *map_slot(&phones, number((const char *)sqlite3_column_text(known, 1))) = 1;
    }
    sqlite3_reset(known);
    long long audit_id = 0;
    memset(previous, '0', 64);
    if (sqlite3_step(last) == SQLITE_ROW) {
        audit_id = sqlite3_column_int64(last, 0);
        snprintf(previous, sizeof previous, "%s", (const char *)sqlite3_column_text(last, 1));
    }
    sqlite3_reset(last);
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        /* village_code, name, address, latitude, longitude, plan_year, opened_on, operator_name, id_number,
           phone, retirement_group, difficulty, certificate_no, certified_on, contract_type, contract_from,
           contract_to, services: only the last is ever quoted in the generated file. */
        char *c[18];
        int k = 0;
        char *p = line;
        line[strcspn(line, "\r\n")] = 0;
        while (k < 18) {
            if (*p == '"') {
                c[k++] = ++p;
                p = strchr(p, '"');
                *p++ = 0;
                if (*p == ',') p++;
            } else {
                c[k++] = p;
                char *e = strchr(p, ',');
                if (!e) break;
                *e = 0;
                p = e + 1;
            }
        }
        if (k < 18) { fprintf(stderr, "row %d: %d columns\n", n + 2, k); return 1; }
        long long *village_id = map_slot(&villages, atoll(c[0]));
        if (!*village_id) {
            TEXT(village, 1, c[0]);
            *village_id = sqlite3_step(village) == SQLITE_ROW ? sqlite3_column_int64(village, 0) : -1;
            sqlite3_reset(village);
        }
        sqlite3_bind_int64(same, 1, *village_id);
        char last_code[32] = "";
        while (sqlite3_step(same) == SQLITE_ROW) {
            const char *code = (const char *)sqlite3_column_text(same, 1);
            snprintf(last_code, sizeof last_code, "%s", code);
        }
        sqlite3_reset(same);
        double lat = atof(c[3]), lon = atof(c[4]);
        sqlite3_bind_double(near, 1, lat - 0.00045);
        sqlite3_bind_double(near, 2, lat + 0.00045);
        sqlite3_bind_double(near, 3, lon - 0.00052);
        sqlite3_bind_double(near, 4, lon + 0.00052);
        run(near);
        char code[32];
        snprintf(code, sizeof code, "%s%03d", c[0], last_code[0] ? atoi(last_code + 12) + 1 : 1);
        TEXT(point, 1, code);
        sqlite3_bind_int64(point, 2, *village_id);
        TEXT(point, 3, c[1]);
        TEXT(point, 4, c[2]);
        sqlite3_bind_double(point, 5, lat);
        sqlite3_bind_double(point, 6, lon);
        sqlite3_bind_int(point, 7, atoi(c[5]));
        TEXT(point, 8, c[6]);
        run(point);
        sqlite3_int64 point_id = sqlite3_last_insert_rowid(db);
        sqlite3_bind_int64(status, 1, point_id);
        TEXT(status, 2, c[6]);
        run(status);
        /* The database is asked only about an ID number or a phone already seen. */
        long long id_key = number(c[8]), phone_key = number(c[9]);
        if (map_has(&ids, id_key)) { TEXT(person, 1, c[8]); run(person); }
        if (map_has(&phones, phone_key)) { TEXT(phone, 1, c[9]); sqlite3_bind_int64(phone, 2, -1); run(phone); }
        *map_slot(&ids, id_key) = 1;
        *map_slot(&phones, phone_key) = 1;
        TEXT(op, 1, c[8]);
        TEXT(op, 2, c[7]);
        TEXT(op, 3, c[9]);
        TEXT_OR_NULL(op, 4, c[11]);
        TEXT_OR_NULL(op, 5, c[12]);
        TEXT_OR_NULL(op, 6, c[13]);
        TEXT(op, 7, c[10]);
        run(op);
        sqlite3_bind_int64(assignment, 1, point_id);
        sqlite3_bind_int64(assignment, 2, sqlite3_last_insert_rowid(db));
        TEXT(assignment, 3, c[15]);
        TEXT(assignment, 4, c[14]);
        TEXT(assignment, 5, c[15]);
        TEXT_OR_NULL(assignment, 6, c[16]);
        run(assignment);
        char kinds[256], services[1024] = "";
        snprintf(kinds, sizeof kinds, "%s", c[17]);
        for (char *kind = strtok(kinds, ","); kind; kind = strtok(0, ",")) {
            sqlite3_bind_int64(service, 1, point_id);
            TEXT(service, 2, kind);
            TEXT(service, 3, c[6]);
            run(service);
            size_t used = strlen(services);
            snprintf(services + used, sizeof services - used, "%s{\"kind\":\"%s\",\"category\":null,\"partner\":null,\"licence\":null,\"started_on\":\"%s\",\"ended_on\":null}",
                used ? "," : "", kind, c[6]);
        }
        char after[2048], reason[128], la[32], lo[32], difficulty[64], certificate[128], certified[32], to[32];
        swift_double(la, lat);
        swift_double(lo, lon);
        json_text(difficulty, c[11]);
        json_text(certificate, c[12]);
        json_text(certified, c[13]);
        json_text(to, c[16]);
        snprintf(after, sizeof after,
            "{\"action\":\"created\",\"point\":{\"name\":\"%s\",\"address\":\"%s\",\"latitude\":%s,\"longitude\":%s,\"plan_year\":%s,\"opened_on\":\"%s\",\"business_name\":null,\"credit_code\":null},"
            "\"operator\":{\"name\":\"%s\",\"id_number\":\"%s\",\"phone\":\"%s\",\"difficulty\":%s,\"difficulty_note\":null,\"certificate_no\":%s,\"certified_on\":%s,\"retirement_group\":\"%s\"},"
            "\"assignment\":{\"started_on\":\"%s\",\"ended_on\":null,\"contract_type\":\"%s\",\"contract_from\":\"%s\",\"contract_to\":%s},\"services\":[%s]}",
            c[1], c[2], la, lo, c[5], c[6], c[7], c[8], c[9], difficulty, certificate, certified, c[10], c[15], c[14], c[15], to, services);
        snprintf(reason, sizeof reason, "导入 %s 第 %d 行", file, n + 2);
        const char *fields[9] = {"2026-11-26T09:00:00+08:00", "bench", "point.import", 0, code, c[8], 0, after, reason};
        chain(++audit_id, fields);
        sqlite3_bind_int64(audit, 1, audit_id);
        TEXT(audit, 2, code);
        TEXT(audit, 3, c[8]);
        TEXT(audit, 4, after);
        TEXT(audit, 5, reason);
        TEXT(audit, 6, previous);
        run(audit);
        n++;
    }
    if (sqlite3_exec(db, "COMMIT", 0, 0, 0)) { fprintf(stderr, "%s\n", sqlite3_errmsg(db)); return 1; }
    sqlite3_close(db);
    printf("%d points\n", n);
    return 0;
}
