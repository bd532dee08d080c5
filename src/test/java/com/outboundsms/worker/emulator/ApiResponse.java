package com.outboundsms.worker.emulator;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A successful answer of an emulated endpoint: a status and a JSON body ({@code null} for
 * 204).
 *
 * @param status the HTTP status
 * @param body the JSON body, {@code null} when there is none
 */
record ApiResponse(int status, @Nullable JsonNode body) {

	static ApiResponse ok(JsonNode body) {
		return new ApiResponse(200, body);
	}

	static ApiResponse created(JsonNode body) {
		return new ApiResponse(201, body);
	}

	static ApiResponse noContent() {
		return new ApiResponse(204, null);
	}

}
