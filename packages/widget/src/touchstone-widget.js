/* global window, document, localStorage, navigator, location, AbortController, CSSStyleSheet, crypto */
// Touchstone widget: page tracking and an unobtrusive survey prompt, in one script tag.
//
//   <script async src="https://cx.example.com/widget.js" data-write-key="tsw_…"
//           data-nonce="…" data-lang="de" data-user-id="cust-17"></script>
//
// No framework, no build step. Everything runs inside try/catch and every request has a timeout,
// so a slow or failing Touchstone server never breaks the host page. The prompt lives in a shadow
// root (host styles cannot leak in or out) and never uses innerHTML: survey texts are set
// as text. Under a strict Content-Security-Policy, pass the page's nonce as data-nonce.
;(function () {
  'use strict'
  var script = document.currentScript
  if (!script || window.__touchstoneWidget) return
  window.__touchstoneWidget = true
  var d = script.dataset
  var key = d.writeKey
  if (!key) return
  var host = (d.host || new URL(script.src, location.href).origin).replace(/\/+$/, '')
  var STATE = 'touchstone.survey'
  var DISMISSED = 'touchstone.dismissed'

  function load(name) {
    try {
      return JSON.parse(localStorage.getItem(name) || 'null')
    } catch {
      return null
    }
  }
  function save(name, value) {
    try {
      if (value === null) localStorage.removeItem(name)
      else localStorage.setItem(name, JSON.stringify(value))
    } catch {
      /* storage may be disabled: the prompt still works for this page */
    }
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID()
    return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
      var r = (Math.random() * 16) | 0
      return (c === 'x' ? r : (r & 3) | 8).toString(16)
    })
  }
  function request(method, path, body) {
    var ctrl = typeof AbortController === 'function' ? new AbortController() : null
    var timer =
      ctrl &&
      setTimeout(function () {
        ctrl.abort()
      }, 8000)
    // text/plain keeps the request "simple": no CORS preflight on the customer's site.
    return fetch(host + path, {
      method: method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: body === undefined ? undefined : { 'content-type': 'text/plain' },
      keepalive: method === 'POST',
      credentials: 'omit',
      signal: ctrl ? ctrl.signal : undefined,
    }).finally(function () {
      if (timer) clearTimeout(timer)
    })
  }

  var anonymousId = load('touchstone.aid')
  if (!anonymousId) save('touchstone.aid', (anonymousId = uuid()))
  var userId = d.userId || undefined
  var lang = d.lang || document.documentElement.lang || navigator.language || ''

  function page() {
    try {
      var p = {
        url: location.href,
        path: location.pathname,
        title: document.title,
        referrer: document.referrer,
      }
      request('POST', '/v1/page', {
        writeKey: key,
        type: 'page',
        messageId: uuid(),
        anonymousId: anonymousId,
        userId: userId,
        timestamp: new Date().toISOString(),
        properties: p,
        context: { page: p, locale: lang, library: { name: 'touchstone-widget' } },
      }).catch(function () {})
    } catch {
      /* never break the page */
    }
  }

  var CSS = [
    ':host{all:initial}',
    '.card{position:fixed;right:16px;bottom:16px;z-index:2147483000;width:min(360px,calc(100vw - 32px));max-height:80vh;overflow:auto;box-sizing:border-box;padding:16px;border-radius:10px;background:#fff;color:#1a1a1a;box-shadow:0 6px 24px rgba(0,0,0,.22);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}',
    'h2{font-size:16px;margin:0 32px 8px 0}fieldset{border:0;margin:0 0 12px;padding:0}legend{font-weight:600;margin-bottom:6px;padding:0}',
    '.scale,.opts{display:flex;flex-wrap:wrap;gap:4px}button{font:inherit;cursor:pointer;border:1px solid #888;border-radius:6px;background:#fff;color:inherit;min-width:30px;min-height:32px;padding:2px 8px}',
    'button[aria-pressed=true]{background:#1f4e79;border-color:#1f4e79;color:#fff}button:focus-visible,textarea:focus-visible{outline:3px solid #d35400;outline-offset:1px}',
    '.ends{display:flex;justify-content:space-between;font-size:12px;color:#555;margin-top:2px}textarea{box-sizing:border-box;width:100%;min-height:64px;font:inherit;padding:6px;border:1px solid #888;border-radius:6px}',
    '.close{position:absolute;top:8px;right:8px;border:0;font-size:20px;line-height:1}.send{background:#1f4e79;color:#fff;border-color:#1f4e79;padding:6px 16px}.err{color:#b00020;margin:0 0 8px}',
  ].join('')

  function el(tag, attrs, text) {
    var node = document.createElement(tag)
    for (var k in attrs || {}) node.setAttribute(k, attrs[k])
    if (text) node.textContent = text
    return node
  }

  function render(offer, state) {
    var hostEl = el('div', { 'data-touchstone-widget': '' })
    var root = hostEl.attachShadow({ mode: 'open' })
    if (
      root.adoptedStyleSheets !== undefined &&
      typeof CSSStyleSheet === 'function' &&
      CSSStyleSheet.prototype.replaceSync
    ) {
      var sheet = new CSSStyleSheet()
      sheet.replaceSync(CSS)
      root.adoptedStyleSheets = [sheet]
    } else {
      var style = el('style', d.nonce ? { nonce: d.nonce } : {})
      style.textContent = CSS
      root.appendChild(style)
    }
    var s = offer.survey
    var card = el('div', {
      class: 'card',
      role: 'dialog',
      'aria-modal': 'false',
      'aria-label': s.name,
      lang: offer.lang,
    })
    var close = el(
      'button',
      { class: 'close', type: 'button', 'aria-label': offer.lang === 'de' ? 'Schließen' : 'Close' },
      '×',
    )
    close.addEventListener('click', function () {
      save(DISMISSED, Date.now())
      hostEl.remove()
    })
    card.appendChild(close)
    card.appendChild(el('h2', {}, s.intro || s.name))
    var err = el('p', { class: 'err', role: 'alert' })
    var answers = state.answers || {}
    var persist = function () {
      save(STATE, { token: offer.token, answers: answers, comment: state.comment || '' })
    }

    s.questions.forEach(function (q) {
      var fs = el('fieldset')
      var legendId = 'q-' + q.id
      fs.appendChild(el('legend', { id: legendId }, q.text))
      if (q.type === 'text') {
        var ta = el('textarea', { 'aria-labelledby': legendId, maxlength: '5000' })
        ta.value = answers[q.id] || ''
        ta.addEventListener('input', function () {
          answers[q.id] = ta.value
          persist()
        })
        fs.appendChild(ta)
      } else {
        var box = el('div', {
          class: q.options.length ? 'opts' : 'scale',
          role: 'group',
          'aria-labelledby': legendId,
        })
        var values = q.options.length
          ? q.options.map(function (o) {
              return { v: o.id, label: o.label }
            })
          : Array.from({ length: q.max - q.min + 1 }, function (_, i) {
              return { v: q.min + i, label: String(q.min + i) }
            })
        var buttons = values.map(function (item) {
          var b = el('button', { type: 'button', 'aria-pressed': 'false' }, item.label)
          b.addEventListener('click', function () {
            if (q.type === 'multiple') {
              var list = (answers[q.id] || []).slice()
              var at = list.indexOf(item.v)
              if (at >= 0) list.splice(at, 1)
              else list.push(item.v)
              answers[q.id] = list
            } else answers[q.id] = item.v
            sync()
            persist()
            // Keep what is answered so far on the server too: a closed tab still counts as partial.
            if (q.type !== 'multiple') send(false)
          })
          box.appendChild(b)
          return { b: b, v: item.v }
        })
        var sync = function () {
          buttons.forEach(function (x) {
            var a = answers[q.id]
            x.b.setAttribute('aria-pressed', String(Array.isArray(a) ? a.indexOf(x.v) >= 0 : a === x.v))
          })
        }
        sync()
        fs.appendChild(box)
        if (!q.options.length && (q.minLabel || q.maxLabel)) {
          var ends = el('div', { class: 'ends', 'aria-hidden': 'true' })
          ends.appendChild(el('span', {}, q.minLabel))
          ends.appendChild(el('span', {}, q.maxLabel))
          fs.appendChild(ends)
        }
      }
      card.appendChild(fs)
    })
    var comment
    if (s.followUp) {
      var fc = el('fieldset')
      fc.appendChild(el('legend', { id: 'q-comment' }, s.followUp))
      comment = el('textarea', { 'aria-labelledby': 'q-comment', maxlength: '5000' })
      comment.value = state.comment || ''
      comment.addEventListener('input', function () {
        state.comment = comment.value
        persist()
      })
      fc.appendChild(comment)
      card.appendChild(fc)
    }
    card.appendChild(err)
    var submit = el('button', { class: 'send', type: 'button' }, offer.lang === 'de' ? 'Absenden' : 'Send')
    card.appendChild(submit)

    function send(final) {
      // Auto-saves are partial until the visitor presses send, even when every answer is there.
      var body = { answers: answers, lang: offer.lang, partial: !final }
      if (comment && comment.value) body.comment = comment.value
      return request('POST', '/s/' + offer.token, body)
        .then(function (res) {
          return res.json().then(function (json) {
            return { ok: res.ok, json: json }
          })
        })
        .then(function (r) {
          if (!final) return
          if (r.ok && r.json.state === 'answered') {
            save(STATE, null)
            while (card.childNodes.length > 1) card.removeChild(card.lastChild)
            card.appendChild(
              el(
                'p',
                { role: 'status' },
                s.thankYou || (offer.lang === 'de' ? 'Vielen Dank!' : 'Thank you!'),
              ),
            )
            setTimeout(function () {
              hostEl.remove()
            }, 4000)
          } else if (r.ok) {
            err.textContent =
              offer.lang === 'de'
                ? 'Bitte beantworten Sie noch die Pflichtfragen.'
                : 'Please answer the required questions.'
          } else err.textContent = r.json.message || 'Error'
        })
        .catch(function () {
          if (final)
            err.textContent =
              offer.lang === 'de'
                ? 'Gerade nicht erreichbar, bitte später erneut.'
                : 'Not reachable right now, please try again later.'
        })
    }
    submit.addEventListener('click', function () {
      send(true)
    })
    root.appendChild(card)
    document.body.appendChild(hostEl)
  }

  function prompt() {
    try {
      var dismissed = load(DISMISSED)
      if (dismissed && Date.now() - dismissed < 86400000) return
      var state = load(STATE) || {}
      var q =
        '?key=' +
        encodeURIComponent(key) +
        '&anonymousId=' +
        encodeURIComponent(anonymousId) +
        (userId ? '&userId=' + encodeURIComponent(userId) : '') +
        (lang ? '&lang=' + encodeURIComponent(lang) : '') +
        '&url=' +
        encodeURIComponent(location.href) +
        (state.token ? '&token=' + encodeURIComponent(state.token) : '')
      request('GET', '/s/widget' + q)
        .then(function (res) {
          return res.status === 200 ? res.json() : null
        })
        .then(function (offer) {
          if (!offer || !offer.token) return
          if (offer.token !== state.token) state = {}
          render(offer, state)
        })
        .catch(function () {})
    } catch {
      /* never break the page */
    }
  }

  window.touchstone = {
    page: page,
    identify: function (id) {
      userId = id || undefined
    },
  }
  if (d.track !== 'false') page()
  setTimeout(prompt, Number(d.delay || 1500))
})()
