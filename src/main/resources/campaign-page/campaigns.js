// The campaign page's script: asks for an API token once and keeps it in sessionStorage (this
// tab only, gone when it closes), shows GET /v1/campaigns every two seconds and sends pause,
// resume and cancel. What the API answers reaches the page only as text and attribute values,
// never as markup.
'use strict';

(() => {
	const TOKEN_KEY = 'outbound-sms.api-token';
	const REFRESH_MS = 2000;
	const OUTCOMES = ['CREATED', 'REUSED', 'FAILED', 'CANCELLED', 'EXPIRED'];
	const ACTIONS = ['pause', 'resume', 'cancel'];

	const form = document.getElementById('token-form');
	const input = document.getElementById('token-input');
	const forget = document.getElementById('forget-token');
	const board = document.getElementById('board');
	const rows = document.getElementById('campaign-rows');
	const none = document.getElementById('no-campaigns');
	const message = document.getElementById('message');

	// rows by campaign id, updated in place so that a button is never replaced under a click
	const shown = new Map();
	let timer = null;
	// answers to calls sent with a token since forgotten are dropped
	let generation = 0;

	class Refused extends Error {
	}

	function say(text) {
		message.textContent = text;
	}

	function askForToken(text) {
		sessionStorage.removeItem(TOKEN_KEY);
		generation++;
		clearTimeout(timer);
		timer = null;
		shown.clear();
		rows.replaceChildren();
		board.hidden = true;
		forget.hidden = true;
		form.hidden = false;
		input.value = '';
		say(text);
		input.focus();
	}

	function showBoard() {
		form.hidden = true;
		board.hidden = false;
		forget.hidden = false;
		say('');
		refresh();
	}

	async function call(method, path) {
		const token = sessionStorage.getItem(TOKEN_KEY);
		if (token === null) {
			throw new Refused();
		}
		const sentIn = generation;
		const response = await fetch(path, {
			method,
			headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' },
			cache: 'no-store',
			credentials: 'omit',
		});
		if (sentIn !== generation) {
			throw new Refused();
		}
		if (response.status === 401) {
			askForToken('The worker refused that token: give a valid API token.');
			throw new Refused();
		}
		return response;
	}

	async function problem(response) {
		try {
			const body = await response.json();
			return body.message || body.error || 'HTTP ' + response.status;
		}
		catch (notJson) {
			return 'HTTP ' + response.status;
		}
	}

	async function refresh() {
		clearTimeout(timer);
		const sentIn = generation;
		try {
			const response = await call('GET', '/v1/campaigns');
			if (response.ok) {
				render((await response.json()).campaigns);
			}
			else {
				say('The campaigns could not be read: ' + (await problem(response)));
			}
		}
		catch (error) {
			if (error instanceof Refused) {
				return;
			}
			say('The worker did not answer (' + error.message + '); trying again.');
		}
		if (sentIn === generation) {
			clearTimeout(timer);
			timer = setTimeout(refresh, REFRESH_MS);
		}
	}

	function render(campaigns) {
		const listed = new Set();
		campaigns.forEach((campaign, index) => {
			listed.add(campaign.campaignId);
			let row = shown.get(campaign.campaignId);
			if (row === undefined) {
				row = newRow(campaign.campaignId);
				shown.set(campaign.campaignId, row);
			}
			fill(row, campaign);
			if (rows.children[index] !== row) {
				rows.insertBefore(row, rows.children[index] || null);
			}
		});
		for (const [campaignId, row] of shown) {
			if (!listed.has(campaignId)) {
				row.remove();
				shown.delete(campaignId);
			}
		}
		none.hidden = campaigns.length > 0;
	}

	function element(name, field, className) {
		const node = document.createElement(name);
		if (field) {
			node.dataset.field = field;
		}
		if (className) {
			node.className = className;
		}
		return node;
	}

	function newRow(campaignId) {
		const row = document.createElement('tr');
		row.dataset.campaignId = campaignId;
		const id = element('td', 'campaign');
		id.textContent = campaignId;
		const progress = element('td');
		progress.append(element('progress', 'progress'), element('span', 'settled', 'progress-label'));
		const activity = element('td');
		activity.append(element('time', 'last-activity'));
		const controls = element('td', null, 'controls');
		for (const action of ACTIONS) {
			const button = element('button');
			button.type = 'button';
			button.dataset.action = action;
			button.textContent = action[0].toUpperCase() + action.slice(1);
			controls.append(button);
		}
		row.append(id, element('td', 'state'), progress, ...OUTCOMES.map((outcome) => element('td', outcome, 'count')),
				activity, controls);
		return row;
	}

	function field(row, name) {
		return row.querySelector('[data-field="' + name + '"]');
	}

	function fill(row, campaign) {
		row.dataset.state = campaign.state;
		field(row, 'state').textContent = campaign.state;
		const bar = field(row, 'progress');
		const label = field(row, 'settled');
		if (typeof campaign.total === 'number') {
			// a total of 0 is a campaign with nothing to do: shown full
			bar.max = Math.max(campaign.total, 1);
			bar.value = campaign.total === 0 ? 1 : Math.min(campaign.settled, campaign.total);
			label.textContent = campaign.settled + ' / ' + campaign.total;
		}
		else {
			// no value: the bar is indeterminate, as the total is unknown
			bar.removeAttribute('value');
			bar.removeAttribute('max');
			label.textContent = campaign.settled + ' settled, total unknown';
		}
		for (const outcome of OUTCOMES) {
			field(row, outcome).textContent = String((campaign.counts || {})[outcome] || 0);
		}
		const activity = field(row, 'last-activity');
		activity.dateTime = campaign.lastActivityAt || '';
		const when = new Date(campaign.lastActivityAt);
		activity.textContent = Number.isNaN(when.getTime()) ? (campaign.lastActivityAt || '') : when.toLocaleString();
		const busy = row.dataset.busy === 'true';
		const applies = {
			pause: campaign.state === 'running',
			resume: campaign.state === 'paused',
			cancel: campaign.state === 'running' || campaign.state === 'paused',
		};
		for (const button of row.querySelectorAll('button[data-action]')) {
			button.disabled = busy || !applies[button.dataset.action];
		}
	}

	async function act(row, action) {
		const campaignId = row.dataset.campaignId;
		if (action === 'cancel' && !window.confirm('Cancel campaign ' + campaignId
				+ '? Its requests not yet handled will not be sent. This cannot be undone.')) {
			return;
		}
		row.dataset.busy = 'true';
		for (const button of row.querySelectorAll('button[data-action]')) {
			button.disabled = true;
		}
		try {
			const response = await call('POST', '/v1/campaigns/' + encodeURIComponent(campaignId) + '/' + action);
			if (response.ok) {
				say('');
			}
			else {
				say('Campaign ' + campaignId + ' could not be changed: ' + (await problem(response)));
			}
		}
		catch (error) {
			if (error instanceof Refused) {
				return;
			}
			say('The worker did not answer (' + error.message + '); the campaign may not have changed.');
		}
		finally {
			delete row.dataset.busy;
		}
		refresh();
	}

	form.addEventListener('submit', (event) => {
		event.preventDefault();
		const token = input.value.trim();
		// a header carries only printable ASCII: anything else is not a token the worker gave
		if (!/^[\x21-\x7e]+$/.test(token)) {
			say('An API token is printable ASCII without spaces.');
			return;
		}
		sessionStorage.setItem(TOKEN_KEY, token);
		input.value = '';
		showBoard();
	});

	forget.addEventListener('click', () => askForToken(''));

	rows.addEventListener('click', (event) => {
		const button = event.target.closest('button[data-action]');
		if (button !== null && !button.disabled) {
			act(button.closest('tr'), button.dataset.action);
		}
	});

	if (sessionStorage.getItem(TOKEN_KEY) === null) {
		askForToken('');
	}
	else {
		showBoard();
	}
})();
