"""The OpenAPI 3.1 description of API v1, built from the same lists the API serves."""

from __future__ import annotations

from typing import Any

from voice import __version__
from voice.ages import AGE_GROUPS
from voice.summaries.filters import CHANNELS
from voice.summaries.summary import TABLE_KEYS

_AGE_GROUP_WORDS = "; ".join(f"{key}: {group.label}" for key, group in AGE_GROUPS.items())

FILTER_PARAMETERS: list[dict[str, Any]] = [
    {"name": "area", "in": "query", "schema": {"type": "integer"},
     "description": "An area id (see /areas). Includes every area inside it. Must be one of "
                    "the token's areas or inside them; without it, all the token's areas."},
    {"name": "service", "in": "query", "schema": {"type": "integer"},
     "description": "A service id (see /services)."},
    {"name": "provider", "in": "query", "schema": {"type": "integer"},
     "description": "An organisation id: that provider's services."},
    {"name": "cohort", "in": "query", "schema": {"type": "string"},
     "description": "Services that focus on this group, for example send or care_leavers."},
    {"name": "age_band", "in": "query", "schema": {"type": "string", "enum": list(AGE_GROUPS)},
     "description": f"Feedback from young people in this age group ({_AGE_GROUP_WORDS}). "
                    "Does not apply to commitments or inspections."},
    {"name": "channel", "in": "query", "schema": {"type": "string", "enum": list(CHANNELS)},
     "description": "How the feedback reached us."},
    {"name": "period", "in": "query",
     "schema": {"type": "string", "default": "quarter",
                "pattern": r"^(month(:\d{4}-\d{2})?|quarter(:\d{4}-Q[1-4])?|year(:\d{4})?|custom)$"},
     "description": "month:YYYY-MM, quarter:YYYY-Qn (financial year starting April YYYY; "
                    "Q1 is April to June), year:YYYY (April YYYY to March YYYY+1), or custom. "
                    "month, quarter or year alone mean the current one. **period=custom needs "
                    "from and to** (otherwise 400, with problems.from or problems.to).",
     "examples": {"quarter": {"value": "quarter:2026-Q2"}, "month": {"value": "month:2026-09"},
                  "year": {"value": "year:2025"}, "custom": {"value": "custom"}}},
    {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"},
     "description": "First day (YYYY-MM-DD). Required when period=custom; ignored "
                    "otherwise."},
    {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"},
     "description": "Last day (YYYY-MM-DD), on or after from and at most 5 years after it. "
                    "Required when period=custom; ignored otherwise."},
    {"name": "compare", "in": "query",
     "schema": {"type": "string", "enum": ["previous", "last_year", "none", "custom"],
                "default": "previous"},
     "description": "What to compare with: the period just before, the same period a year "
                    "earlier, nothing, or custom dates. **compare=custom needs compare_from "
                    "and compare_to** (otherwise 400)."},
    {"name": "compare_from", "in": "query", "schema": {"type": "string", "format": "date"},
     "description": "First day to compare with (YYYY-MM-DD). Required when compare=custom; "
                    "ignored otherwise."},
    {"name": "compare_to", "in": "query", "schema": {"type": "string", "format": "date"},
     "description": "Last day to compare with (YYYY-MM-DD). Required when compare=custom; "
                    "ignored otherwise."},
]

PROBLEM = {"$ref": "#/components/schemas/Problem"}

# Parameters that only make sense together (OpenAPI cannot say so in a schema, so each
# operation that takes the filters says it here and in the parameters' descriptions).
DEPENDENCIES = {"period=custom": ["from", "to"], "compare=custom": ["compare_from", "compare_to"]}
DEPENDENCIES_TEXT = ("Parameters that depend on each other: period=custom needs from and to; "
                     "compare=custom needs compare_from and compare_to. Without them, or with "
                     "dates that cannot be used, the answer is 400 and problems names each "
                     "field.")
RATE_LIMIT_TEXT = "120 requests a minute from one address"


def _responses(ok: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "200": {"description": description,
                "content": {"application/json": {"schema": ok}}},
        "400": {"description": "The filters cannot be used (the problems say why).",
                "content": {"application/json": {"schema": PROBLEM}}},
        "401": {"description": "No token, or one that is unknown, revoked or expired.",
                "content": {"application/json": {"schema": PROBLEM}}},
        "403": {"description": "The filters ask for something outside the token's areas.",
                "content": {"application/json": {"schema": PROBLEM}}},
        "429": {"description": f"Too many requests ({RATE_LIMIT_TEXT}). Wait for the number "
                               "of seconds in Retry-After, then try again.",
                "headers": {"Retry-After": {"description": "Seconds to wait.",
                                            "schema": {"type": "integer", "minimum": 0}}},
                "content": {"application/json": {"schema": PROBLEM}}},
    }


def _with_filters(operation: dict[str, Any]) -> dict[str, Any]:
    """An operation that takes the filters: says which parameters depend on each other."""
    return {**operation, "description": DEPENDENCIES_TEXT,
            "x-parameter-dependencies": DEPENDENCIES}


def document(base_url: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Voice summaries API",
            "version": f"1 ({__version__})",
            "description": (
                "Read-only summaries of what children and young people told services: the same "
                "figures as the commissioners' dashboard, for the areas a token may read. "
                "Counts under 5 are never given: such a figure is null and its "
                "`<column>_hidden` field says \u201cfewer than 5\u201d, or \u201cnot shown\u201d "
                "where it could otherwise be worked out from a total. Young people's own words "
                "are not available through the API. Percentages are 0 to 100; changes in "
                "percentages are in percentage points.\n\n"
                "Every operation is GET (HEAD gives the same headers); any other method is "
                "405 with an Allow header. At most " + RATE_LIMIT_TEXT + ": more is 429 with "
                "Retry-After. " + DEPENDENCIES_TEXT),
        },
        "servers": [{"url": f"{base_url.rstrip('/')}/api/v1"}],
        "security": [{"token": []}],
        "paths": {
            "/summary": {"get": _with_filters({
                "operationId": "getSummary", "summary": "Every table of a summary",
                "parameters": FILTER_PARAMETERS,
                "responses": _responses({"$ref": "#/components/schemas/Summary"},
                                        "The summary.")})},
            "/tables": {"get": {
                "operationId": "listTables", "summary": "The tables a summary has",
                "responses": _responses({"type": "array", "items": {
                    "type": "object", "properties": {
                        "key": {"type": "string"}, "title": {"type": "string"},
                        "path": {"type": "string"}}}}, "The tables.")}},
            "/tables/{name}": {"get": _with_filters({
                "operationId": "getTable",
                "summary": "One table, flat, for Power BI or Excel (Get data, From web)",
                "parameters": [{"name": "name", "in": "path", "required": True,
                                "schema": {"type": "string", "enum": list(TABLE_KEYS)}},
                               *FILTER_PARAMETERS],
                "responses": {**_responses({"$ref": "#/components/schemas/TableResult"},
                                           "The table."),
                              "404": {"description": "No table with that name.",
                                      "content": {"application/json": {"schema": PROBLEM}}}}})},
            "/areas": {"get": {
                "operationId": "listAreas", "summary": "The areas this token may read",
                "responses": _responses({"type": "array", "items": {
                    "$ref": "#/components/schemas/Area"}}, "The areas.")}},
            "/services": {"get": {
                "operationId": "listServices",
                "summary": "The services working in this token's areas",
                "responses": _responses({"type": "array", "items": {
                    "$ref": "#/components/schemas/Service"}}, "The services.")}},
        },
        "components": {
            "securitySchemes": {"token": {
                "type": "http", "scheme": "bearer",
                "description": "An API token made in Voice (Summaries, API tokens) by an "
                               "administrator or commissioner. It reads only its own areas "
                               "and can be revoked at any time."}},
            "schemas": {
                "Problem": {"type": "object", "required": ["error"], "properties": {
                    "error": {"type": "string"}, "detail": {"type": "string"},
                    "problems": {"type": "object", "additionalProperties": {"type": "string"},
                                 "description": "Each filter that cannot be used, and why."}}},
                "Period": {"type": "object", "properties": {
                    "start": {"type": "string", "format": "date"},
                    "end": {"type": "string", "format": "date"},
                    "kind": {"type": "string"}, "value": {"type": "string"},
                    "label": {"type": "string"}}},
                "Column": {"type": "object", "properties": {
                    "key": {"type": "string"}, "label": {"type": "string"},
                    "type": {"type": "string", "enum": [
                        "text", "quote", "count", "number", "percent", "points", "signed",
                        "auto", "auto_signed", "date", "rag", "rag_word", "yesno"]}}},
                "Table": {"type": "object", "properties": {
                    "key": {"type": "string"}, "title": {"type": "string"},
                    "description": {"type": "string"},
                    "columns": {"type": "array", "items": {"$ref": "#/components/schemas/Column"}},
                    "rows": {"type": "array", "items": {"type": "object"},
                             "description": "One object per row, keyed by column. Numeric "
                                            "columns also have <key>_hidden: null, or why the "
                                            "figure is hidden."},
                    "total": {"type": ["object", "null"]}}},
                "TableResult": {"allOf": [{"$ref": "#/components/schemas/Table"}, {
                    "type": "object", "properties": {
                        "scope": {"type": "string"},
                        "period": {"$ref": "#/components/schemas/Period"},
                        "comparison": {"oneOf": [{"$ref": "#/components/schemas/Period"},
                                                 {"type": "null"}]}}}]},
                "Summary": {"type": "object", "properties": {
                    "scope": {"type": "string"},
                    "filters": {"type": "object"},
                    "period": {"$ref": "#/components/schemas/Period"},
                    "comparison": {"oneOf": [{"$ref": "#/components/schemas/Period"},
                                             {"type": "null"}]},
                    "summary_text": {"type": "string"},
                    "generated_at": {"type": "string", "format": "date-time"},
                    "tables": {"type": "object", "additionalProperties": {
                        "$ref": "#/components/schemas/Table"}}}},
                "Area": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "name": {"type": "string"},
                    "kind": {"type": "string"}, "parent_id": {"type": ["integer", "null"]}}},
                "Service": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "name": {"type": "string"},
                    "provider": {"type": "string"}, "provider_id": {"type": "integer"},
                    "category": {"type": "string"},
                    "area_ids": {"type": "array", "items": {"type": "integer"}}}},
            },
        },
    }
