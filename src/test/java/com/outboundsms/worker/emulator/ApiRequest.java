package com.outboundsms.worker.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One parsed request to an emulated endpoint: method, the decoded path variables of the
 * matched route, query and form parameters.
 *
 * @param method the HTTP method
 * @param path the raw path as received
 * @param variables the path variables of the route, decoded
 * @param query the query parameters
 * @param form the form parameters of the body
 * @param body the body as text, for the few endpoints that take JSON
 */
record ApiRequest(String method, String path, Map<String, String> variables, Params query, Params form, String body) {

	String variable(String name) {
		String value = this.variables.get(name);
		if (value == null) {
			throw new IllegalStateException("Route has no variable " + name);
		}
		return value;
	}

	/**
	 * The fields of a control request: the top-level values of a JSON object body, else
	 * the form.
	 */
	Params fields() {
		if (!this.body.stripLeading().startsWith("{")) {
			return this.form;
		}
		JsonNode json = Json.parseObject("body", this.body);
		Map<String, List<String>> values = new LinkedHashMap<>();
		json.properties().forEach((field) -> {
			if (!field.getValue().isNull()) {
				values.put(field.getKey(), List.of(field.getValue().asString()));
			}
		});
		return new Params(values);
	}

}
