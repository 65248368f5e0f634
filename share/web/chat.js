// The chat page's script: asks /api/ask and shows the answers.  Text is
// only ever set with textContent, never parsed as HTML.
"use strict";
(function () {
	var words = {
		id: { title: "Layanan informasi", send: "Kirim",
		      label: "Pertanyaan Anda", holder: "Tulis pertanyaan…",
		      intro: "Tanyakan syarat, biaya, jam layanan, atau status " +
		             "permohonan Anda.",
		      other: "English", busy: "Terlalu banyak pertanyaan. " +
		             "Coba lagi sebentar lagi.",
		      down: "Layanan sedang tidak dapat dihubungi. Coba lagi.",
		      log: "Percakapan" },
		en: { title: "Information service", send: "Send",
		      label: "Your question", holder: "Type your question…",
		      intro: "Ask about requirements, fees, opening hours or " +
		             "the status of your application.",
		      other: "Bahasa Indonesia", busy: "Too many questions. " +
		             "Please try again in a moment.",
		      down: "The service cannot be reached. Please try again.",
		      log: "Conversation" }
	};
	var lang = "id", office = {};
	var log = document.getElementById("log");
	var form = document.getElementById("ask");
	var input = document.getElementById("q");
	var session = sessionStorage.getItem("faqbot-session");

	if (!session) {
		var b = new Uint8Array(12);
		crypto.getRandomValues(b);
		session = "web-" + Array.prototype.map.call(b, function (x) {
			return ("0" + x.toString(16)).slice(-2);
		}).join("");
		sessionStorage.setItem("faqbot-session", session);
	}

	function say(who, text, choices) {
		var li = document.createElement("li");
		var bubble = document.createElement("div");
		li.className = who;
		bubble.className = "bubble";
		bubble.textContent = text;
		li.appendChild(bubble);
		if (choices && choices.length) {
			var box = document.createElement("div");
			box.className = "choices";
			choices.forEach(function (c, i) {
				var btn = document.createElement("button");
				btn.type = "button";
				btn.textContent = c.q;
				btn.addEventListener("click", function () {
					ask(String(i + 1), c.q);
				});
				box.appendChild(btn);
			});
			bubble.appendChild(box);
		}
		log.appendChild(li);
		li.scrollIntoView({ block: "end" });
	}

	function ask(q, shown) {
		say("me", shown || q);
		fetch("/api/ask", {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			body: JSON.stringify({ q: q, session: session })
		}).then(function (r) {
			if (r.status === 429)
				throw new Error(words[lang].busy);
			if (!r.ok)
				throw new Error(words[lang].down);
			return r.json();
		}).then(function (rec) {
			if (rec.lang === "eng" && lang !== "en")
				setLang("en");
			say("bot", rec.answer, rec.status === "suggested" ?
			    rec.alternatives : null);
		}).catch(function (e) {
			say("bot", e.message || words[lang].down);
		});
	}

	function setLang(l) {
		var w = words[l];
		lang = l;
		document.documentElement.lang = l;
		document.getElementById("title").textContent =
		    (l === "en" ? office.title_en : office.title) || w.title;
		document.title = document.getElementById("title").textContent;
		document.getElementById("send").textContent = w.send;
		document.getElementById("q-label").textContent = w.label;
		document.getElementById("intro").textContent = w.intro;
		document.getElementById("lang").textContent = w.other;
		document.getElementById("lang").setAttribute("aria-pressed",
		    l === "en" ? "true" : "false");
		log.setAttribute("aria-label", w.log);
		input.placeholder = w.holder;
	}

	document.getElementById("lang").addEventListener("click", function () {
		setLang(lang === "id" ? "en" : "id");
		var g = lang === "en" ? office.greeting_en : office.greeting;
		if (g)
			say("bot", g);
	});
	form.addEventListener("submit", function (ev) {
		ev.preventDefault();
		var q = input.value.trim();
		if (q === "")
			return;
		input.value = "";
		ask(q);
	});
	fetch("/api/office").then(function (r) { return r.json(); })
	    .then(function (o) {
		office = o;
		setLang(lang);
		if (o.greeting)
			say("bot", o.greeting);
	}).catch(function () { setLang(lang); });
})();
