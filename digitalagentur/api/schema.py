"""Postprocessing of the OpenAPI schema so that it says what the API does (checked by
schemathesis in api/tests/test_schemathesis.py).

- Reads need no credentials: GET operations also accept no authentication (`{}`).
- Every operation documents its error answers (JSON with a German "detail"): 400 where a
  query or body is validated, 404 (unknown object, region without strategy), 401/403/415 and
  503 (storage unavailable) for writes, 409 with the current version for changes.
- `version` is required in PUT and PATCH bodies (and as `?version=` for DELETE).
- `internal_notes` is only shown to the region's staff, so it is not a required property.
- Query parameters declare the bounds the filters enforce (slugs, numbers from 1).
- Read-only web addresses may be empty ("" is not a URI).
"""

from __future__ import annotations

import copy

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
    "additionalProperties": True,
}
CONFLICT = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "current_version": {"type": "integer", "nullable": True},
        "last_change": {"type": "object", "additionalProperties": True},
    },
    "required": ["detail", "current_version"],
}
DESCRIPTIONS = {
    "400": "Ungültige Angaben (Meldungen je Feld oder Parameter)",
    "401": "Keine Anmeldedaten",
    "403": "Keine Berechtigung",
    "404": "Nicht gefunden",
    "409": "Inzwischen von jemand anderem geändert (mit aktueller Version)",
    "415": "Nur JSON (application/json) wird angenommen",
    "503": "Speicher vorübergehend nicht verfügbar; später erneut versuchen",
}
WRITES = {"post", "put", "patch", "delete"}
SLUG = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$", "maxLength": 120}
QUERY_BOUNDS = {
    "field": SLUG,
    "municipality": SLUG,
    "page": {"type": "integer", "minimum": 1},
    "page_size": {"type": "integer", "minimum": 1},
    "priority_group": {"type": "integer", "minimum": 1, "maximum": 32767},
    "q": {"type": "string", "maxLength": 200},
    "version": {"type": "integer", "minimum": 0, "maximum": 2**31 - 1},
}
STAFF_ONLY = {"internal_notes"}
NO_NUL = "^[^\\x00]*$"
BLANKABLE_URIS = {"website", "page_url"}
# What Django's URLValidator accepts, in the plain-ASCII subset (the "uri" format alone allows
# "mailto:x" or "public:contact", which a web address field refuses).
WEB_ADDRESS = (
    r"^https?://(?:localhost|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
    r"(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.[a-z]{2,63})(?:/[A-Za-z0-9._~/-]*)?$"
)


def postprocess(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR
    components["Conflict"] = CONFLICT
    for name, schema in components.items():
        is_request = name.endswith("Request")
        fix_component(schema, request=is_request)
        if is_request:
            refuse_nul_characters(schema)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method in WRITES | {"get"}:
                fix_operation(path, method, operation, components)
    return result


def fix_component(schema: dict, request: bool) -> None:
    required = schema.get("required")
    if required:
        schema["required"] = [name for name in required if name not in STAFF_ONLY]
    for name, prop in schema.get("properties", {}).items():
        if name not in BLANKABLE_URIS:
            continue
        if prop.get("format") == "uri":
            uri = {k: v for k, v in prop.items() if k not in ("readOnly", "nullable")}
            blank = {"type": "string", "maxLength": 0}
            prop = schema["properties"][name] = {
                "oneOf": [uri, blank],
                **({"readOnly": True} if prop.get("readOnly") else {}),
                **({"nullable": True} if prop.get("nullable") else {}),
            }
        if request:  # what is sent must pass the validator; answers are not narrowed
            for choice in prop.get("oneOf", ()):
                if choice.get("format") == "uri":
                    choice["pattern"] = WEB_ADDRESS


def refuse_nul_characters(schema: dict) -> None:
    """Text with NUL characters is refused (databases cannot store them)."""
    for prop in schema.get("properties", {}).values():
        if prop.get("type") == "string" and not ({"format", "pattern", "enum"} & set(prop)):
            prop["pattern"] = NO_NUL
        item = prop.get("items")
        if isinstance(item, dict) and item.get("type") == "string" and "pattern" not in item:
            item["pattern"] = NO_NUL


def error_response(code: str, ref: str = "Error") -> dict:
    return {
        "description": DESCRIPTIONS[code],
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


def fix_operation(path: str, method: str, operation: dict, components: dict) -> None:
    if method == "get":
        security = operation.setdefault("security", [])
        if {} not in security:
            security.append({})
    parameters = operation.get("parameters", [])
    for parameter in parameters:
        bounds = QUERY_BOUNDS.get(parameter["name"])
        if parameter.get("in") == "query" and bounds:
            parameter["schema"] = {**parameter.get("schema", {}), **bounds}
        if method == "get" and parameter.get("in") == "query":
            # Filters, search and paging take an empty value as "not given" (as a form
            # with an empty choice sends it); tested for every list in
            # api/tests/test_schema_and_token.py.
            parameter["allowEmptyValue"] = True
    responses = operation.setdefault("responses", {})
    codes = ["404"]
    if any(p.get("in") == "query" for p in parameters) or "requestBody" in operation:
        codes.append("400")
    if method in WRITES:
        codes += ["401", "403", "503"]
    if "requestBody" in operation:
        codes.append("415")
        operation["requestBody"]["content"] = {
            k: v for k, v in operation["requestBody"]["content"].items() if k == "application/json"
        }
    for code in codes:
        responses[code] = error_response(code)
    if method in {"put", "patch", "delete"}:
        responses["409"] = error_response("409", "Conflict")
    if method in {"put", "patch"}:
        require_version(operation, components)


def require_version(operation: dict, components: dict) -> None:
    """PUT and PATCH bodies must carry the version they are based on."""
    if "requestBody" in operation:
        operation["requestBody"]["required"] = True
    content = operation.get("requestBody", {}).get("content", {})
    for media in content.values():
        ref = media.get("schema", {}).get("$ref", "")
        name = ref.rsplit("/", 1)[-1]
        if name not in components or "version" not in components[name].get("properties", {}):
            continue
        versioned = f"{name}Versioned" if not name.endswith("Versioned") else name
        if versioned not in components:
            schema = copy.deepcopy(components[name])
            schema["required"] = sorted({*schema.get("required", []), "version"})
            components[versioned] = schema
        media["schema"] = {"$ref": f"#/components/schemas/{versioned}"}
