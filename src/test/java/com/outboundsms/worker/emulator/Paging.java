package com.outboundsms.worker.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cuts a list into Twilio pages ({@code PageSize} default 50, max 1000, {@code Page},
 * {@code PageToken} = {@code PT<offset>}) and renders the list envelope with absolute
 * paging URLs.
 *
 * @param pageSize the records per page
 * @param page the page number
 * @param offset the index of the first record of the page
 */
record Paging(int pageSize, int page, int offset) {

	static final int DEFAULT_PAGE_SIZE = 50;

	static final int MAX_PAGE_SIZE = 1000;

	static Paging of(Params query) {
		Integer size = query.integer("PageSize");
		int pageSize = (size != null) ? size : DEFAULT_PAGE_SIZE;
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw TwilioApiException.invalidParameter("PageSize", String.valueOf(pageSize));
		}
		Integer requestedPage = query.integer("Page");
		int page = (requestedPage != null) ? requestedPage : 0;
		if (page < 0) {
			throw TwilioApiException.invalidParameter("Page", String.valueOf(page));
		}
		String token = query.first("PageToken");
		int offset = (token != null) ? offsetOf(token) : page * pageSize;
		return new Paging(pageSize, page, offset);
	}

	private static int offsetOf(String token) {
		try {
			int offset = Integer.parseInt(token.substring(2));
			if (!token.startsWith("PT") || offset < 0) {
				throw TwilioApiException.invalidParameter("PageToken", token);
			}
			return offset;
		}
		catch (NumberFormatException | IndexOutOfBoundsException ex) {
			throw TwilioApiException.invalidParameter("PageToken", token);
		}
	}

	<T> List<T> slice(List<T> all) {
		int from = Math.min(this.offset, all.size());
		int to = Math.min(from + this.pageSize, all.size());
		return all.subList(from, to);
	}

	boolean hasNext(int total) {
		return this.offset + this.pageSize < total;
	}

	/**
	 * Renders {@code {"<key>":[...], "meta":{...}}} for this page of {@code all}.
	 * @param resourceUrl the absolute list URL without query, e.g.
	 * {@code https://flex-api.twilio.com/v1/FlexFlows}
	 * @param filters query parameters that every paging URL repeats (e.g.
	 * {@code FriendlyName})
	 */
	<T> ObjectNode envelope(String key, List<T> all, Function<T, JsonNode> view, String resourceUrl,
			Map<String, String> filters) {
		ObjectNode envelope = Json.object();
		ArrayNode records = envelope.putArray(key);
		slice(all).forEach((item) -> records.add(view.apply(item)));
		ObjectNode meta = envelope.putObject("meta");
		meta.put("page", this.page);
		meta.put("page_size", this.pageSize);
		meta.put("first_page_url", url(resourceUrl, filters, 0, 0));
		meta.put("previous_page_url", (this.page > 0)
				? url(resourceUrl, filters, this.page - 1, Math.max(0, this.offset - this.pageSize)) : null);
		meta.put("url", url(resourceUrl, filters, this.page, this.offset));
		meta.put("next_page_url",
				hasNext(all.size()) ? url(resourceUrl, filters, this.page + 1, this.offset + this.pageSize) : null);
		meta.put("key", key);
		return envelope;
	}

	private String url(String resourceUrl, Map<String, String> filters, int page, int offset) {
		StringBuilder url = new StringBuilder(resourceUrl).append('?');
		filters.forEach((name, value) -> url.append(name).append('=').append(encode(value)).append('&'));
		url.append("PageSize=").append(this.pageSize).append("&Page=").append(page);
		if (offset > 0) {
			url.append("&PageToken=PT").append(offset);
		}
		return url.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
