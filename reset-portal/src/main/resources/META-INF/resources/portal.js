// Progressive enhancement only: every page works without this script.
// 1. A new-password field (data-password-hints) shows, while typing, which of the domain policy's requirements the
//    password meets (from /api/v1/password-policy; the directory still decides when the form is sent).
// 2. A pending status (data-refresh-url) is followed, and the page reloads once it moves on.
(function () {
  'use strict';

  var SYMBOL = /[^\p{L}\p{N}\s]/u;

  function categories(password) {
    var count = 0;
    if (/\p{Lu}/u.test(password)) { count++; }
    if (/\p{Ll}/u.test(password)) { count++; }
    if (/\p{N}/u.test(password)) { count++; }
    if (SYMBOL.test(password)) { count++; }
    if (/[\p{Lo}\p{Lm}]/u.test(password)) { count++; }
    return count;
  }

  function requirements(policy, password, confirm) {
    var length = password.length; // UTF-16 units, as the directory counts
    var list = [
      { met: length >= policy.minLength, text: 'At least ' + policy.minLength + ' characters (now ' + length + ')' },
      { met: length <= policy.maxLength, text: 'At most ' + policy.maxLength + ' characters' }
    ];
    if (policy.requiredCategories > 0) {
      list.push({
        met: categories(password) >= policy.requiredCategories,
        text: 'Characters from at least ' + policy.requiredCategories
          + ' groups: capital letters, small letters, digits, symbols'
      });
    }
    if (confirm) {
      list.push({ met: confirm.value === password && password.length > 0, text: 'Both new passwords are the same' });
    }
    return list;
  }

  function render(target, list) {
    var met = list.filter(function (r) { return r.met; }).length;
    target.textContent = '';
    var summary = document.createElement('span');
    summary.textContent = 'Meets ' + met + ' of ' + list.length + ' requirements:';
    target.appendChild(summary);
    var ul = document.createElement('ul');
    list.forEach(function (r) {
      var li = document.createElement('li');
      li.className = r.met ? 'met' : 'unmet';
      li.textContent = (r.met ? 'Met: ' : 'Not yet: ') + r.text;
      ul.appendChild(li);
    });
    target.appendChild(ul);
  }

  function passwordHints(input) {
    var target = document.getElementById('password-check');
    var confirm = document.getElementById(input.getAttribute('data-confirm-of') || '');
    if (!target) { return; }
    fetch(input.getAttribute('data-password-hints'), { headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (policy) {
        if (!policy) { return; }
        var timer = null;
        var update = function () {
          clearTimeout(timer);
          // a pause before the live region speaks, so a screen reader is not interrupted at every key
          timer = setTimeout(function () {
            target.hidden = input.value.length === 0;
            render(target, requirements(policy, input.value, confirm));
          }, 400);
        };
        input.addEventListener('input', update);
        if (confirm) { confirm.addEventListener('input', update); }
      })
      .catch(function () { /* the hints stay as the page wrote them */ });
  }

  function follow(element) {
    var url = element.getAttribute('data-refresh-url');
    var field = element.getAttribute('data-refresh-field');
    var value = element.getAttribute('data-refresh-value');
    var polls = 0;
    var poll = function () {
      polls++;
      fetch(url, { headers: { Accept: 'application/json' } })
        .then(function (response) { return response.json(); })
        .then(function (body) {
          if (body && body[field] && body[field] !== value) {
            window.location.reload();
          } else if (polls < 300) {
            setTimeout(poll, 1000);
          }
        })
        .catch(function () { if (polls < 300) { setTimeout(poll, 3000); } });
    };
    setTimeout(poll, 1000);
  }

  document.querySelectorAll('input[data-password-hints]').forEach(passwordHints);
  document.querySelectorAll('[data-refresh-url]').forEach(follow);
}());
