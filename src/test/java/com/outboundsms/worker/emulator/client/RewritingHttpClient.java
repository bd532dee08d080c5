package com.outboundsms.worker.emulator.client;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * Points twilio-java at the emulator: rewrites {@code https://{sub}.twilio.com{path}} to
 * {@code {baseUrl}/{sub}{path}} and copies the rest of the request.
 */
public final class RewritingHttpClient extends NetworkHttpClient {

	private final String baseUrl;

	public RewritingHttpClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	@Override
	public Response makeRequest(Request request) {
		String url = request.getUrl().replaceFirst("^https://([a-z0-9-]+)\\.twilio\\.com", this.baseUrl + "/$1");
		Request rewritten = new Request(request.getMethod(), url);
		rewritten.setAuth(request.getUsername(), request.getPassword());
		request.getQueryParams()
			.forEach((name, values) -> values.forEach((value) -> rewritten.addQueryParam(name, value)));
		request.getPostParams()
			.forEach((name, values) -> values.forEach((value) -> rewritten.addPostParam(name, value)));
		request.getHeaderParams()
			.forEach((name, values) -> values.forEach((value) -> rewritten.addHeaderParam(name, value)));
		if (request.getContentType() != null) {
			rewritten.setContentType(request.getContentType());
		}
		if (request.getBody() != null) {
			rewritten.setBody(request.getBody());
		}
		return super.makeRequest(rewritten);
	}

}
