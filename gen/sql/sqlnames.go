package sql

// The names the SQL target may not give its type or domain, because an
// unqualified column type with that name would not mean our enum. The
// integration tests check these tables against a live server: every type
// name in its pg_catalog and every reserved or column-name keyword that a
// spec could produce must be here (or start with pg_).

// pgBuiltinTypes holds PostgreSQL's built-in type names (pg_catalog is
// searched before any other schema, so a column declared interval gets
// PostgreSQL's interval even where the database has our "interval"), the
// pseudo-types (record, any, void, ...), the serial shorthands CREATE TABLE
// expands into integer columns, and a few types older releases had
// (abstime, reltime, tinterval, smgr, opaque). Sorted, for binary search.
var pgBuiltinTypes = []string{
	"abstime", "aclitem", "any", "anyarray", "anycompatible", "anycompatiblearray",
	"anycompatiblemultirange", "anycompatiblenonarray", "anycompatiblerange", "anyelement", "anyenum", "anymultirange",
	"anynonarray", "anyrange", "bigserial", "bit", "bool", "box",
	"bpchar", "bytea", "char", "cid", "cidr", "circle",
	"cstring", "date", "datemultirange", "daterange", "event_trigger", "fdw_handler",
	"float4", "float8", "gtsvector", "index_am_handler", "inet", "int2",
	"int2vector", "int4", "int4multirange", "int4range", "int8", "int8multirange",
	"int8range", "internal", "interval", "json", "jsonb", "jsonpath",
	"language_handler", "line", "lseg", "macaddr", "macaddr8", "money",
	"name", "numeric", "nummultirange", "numrange", "oid", "oidvector",
	"opaque", "path", "point", "polygon", "record", "refcursor",
	"regclass", "regcollation", "regconfig", "regdictionary", "regnamespace", "regoper",
	"regoperator", "regproc", "regprocedure", "regrole", "regtype", "reltime",
	"serial", "serial2", "serial4", "serial8", "smallserial", "smgr",
	"table_am_handler", "text", "tid", "time", "timestamp", "timestamptz",
	"timetz", "tinterval", "trigger", "tsm_handler", "tsmultirange", "tsquery",
	"tsrange", "tstzmultirange", "tstzrange", "tsvector", "txid_snapshot", "unknown",
	"uuid", "varbit", "varchar", "void", "xid", "xid8",
	"xml",
}

// pgKeywords holds the keywords PostgreSQL's grammar does not accept as a
// type name: the reserved ones (select, table, user, ...) and the
// column-name ones, most of which are the SQL standard's spellings of
// built-in types (int, decimal, timestamp, ...). It includes those newer
// releases added (json_table, merge_action, system_user, ...). Sorted, for
// binary search.
var pgKeywords = []string{
	"all", "analyse", "analyze", "and", "any", "array",
	"as", "asc", "asymmetric", "between", "bigint", "bit",
	"boolean", "both", "case", "cast", "char", "character",
	"check", "coalesce", "collate", "column", "constraint", "create",
	"current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
	"dec", "decimal", "default", "deferrable", "desc", "distinct",
	"do", "else", "end", "except", "exists", "extract",
	"false", "fetch", "float", "for", "foreign", "from",
	"grant", "greatest", "group", "grouping", "having", "in",
	"initially", "inout", "int", "integer", "intersect", "interval",
	"into", "json", "json_array", "json_arrayagg", "json_exists", "json_object",
	"json_objectagg", "json_query", "json_scalar", "json_serialize", "json_table", "json_value",
	"lateral", "leading", "least", "limit", "localtime", "localtimestamp",
	"merge_action", "national", "nchar", "none", "normalize", "not",
	"null", "nullif", "numeric", "offset", "on", "only",
	"or", "order", "out", "overlay", "placing", "position",
	"precision", "primary", "real", "references", "returning", "row",
	"select", "session_user", "setof", "smallint", "some", "substring",
	"symmetric", "system_user", "table", "then", "time", "timestamp",
	"to", "trailing", "treat", "trim", "true", "union",
	"unique", "user", "using", "values", "varchar", "variadic",
	"when", "where", "window", "with", "xmlattributes", "xmlconcat",
	"xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi",
	"xmlroot", "xmlserialize", "xmltable",
}
