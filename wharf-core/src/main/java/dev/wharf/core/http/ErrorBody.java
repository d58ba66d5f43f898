package dev.wharf.core.http;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The error body the peers answer with: {@code {"error_code": <int>, "message": "..."}}. */
public record ErrorBody(@JsonProperty("error_code") int errorCode, String message) {}
