package com.outboundsms.worker.emulator;

import java.util.Map;

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

}
