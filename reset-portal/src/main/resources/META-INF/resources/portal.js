// Sends the change form as JSON, then follows the request until it is finished.
(function () {
  'use strict';

  var TERMINAL = ['SUCCEEDED', 'REJECTED', 'FAILED', 'EXPIRED'];
  var HEADINGS = {
    ACCEPTED: 'Request received',
    VALIDATED: 'Password accepted by the policy',
    SUCCEEDED: 'Password changed',
    REJECTED: 'Password not accepted',
    FAILED: 'Password not changed',
    EXPIRED: 'Request expired'
  };
  var POLL_MS = 1000;
  var MAX_POLLS = 400;

  var form = document.getElementById('change-form');
  var button = document.getElementById('submit');
  var result = document.getElementById('result');
  var statusEl = document.getElementById('result-status');
  var messageEl = document.getElementById('result-message');
  var violationsEl = document.getElementById('result-violations');

  function show(kind, heading, message, violations) {
    result.className = kind;
    statusEl.hidden = !heading;
    statusEl.textContent = heading || '';
    messageEl.textContent = message || '';
    violationsEl.textContent = '';
    (violations || []).forEach(function (v) {
      // Several reasons: list each one; a single one is already the message.
      if (violations.length > 1 || v.message !== message) {
        var li = document.createElement('li');
        li.textContent = v.message;
        violationsEl.appendChild(li);
      }
    });
  }

  function finish() {
    button.disabled = false;
    result.focus();
  }

  function poll(url, count) {
    fetch(url, { headers: { Accept: 'application/json' } })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        var done = TERMINAL.indexOf(body.status) >= 0;
        var kind = body.status === 'SUCCEEDED' ? 'success' : (done ? 'error' : 'pending');
        show(kind, HEADINGS[body.status] || body.code, body.message, body.violations);
        if (done) {
          if (body.status === 'SUCCEEDED') { form.reset(); }
          finish();
        } else if (count < MAX_POLLS) {
          setTimeout(function () { poll(url, count + 1); }, POLL_MS);
        } else {
          show('error', 'Still waiting', 'The request has not finished yet. Reload this page later.');
          finish();
        }
      })
      .catch(function () {
        if (count < MAX_POLLS) {
          setTimeout(function () { poll(url, count + 1); }, POLL_MS * 2);
        }
      });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var username = form.username.value.trim();
    var current = form.currentPassword.value;
    var next = form.newPassword.value;
    var confirm = form.confirmPassword.value;

    form.confirmPassword.removeAttribute('aria-invalid');
    if (!username || !current || !next) {
      show('error', 'Missing information', 'Fill in your user name, your current password and a new password.');
      result.focus();
      return;
    }
    if (next !== confirm) {
      form.confirmPassword.setAttribute('aria-invalid', 'true');
      show('error', 'Passwords do not match', 'Type the same new password in both fields.');
      form.confirmPassword.focus();
      return;
    }

    button.disabled = true;
    show('pending', 'Sending', 'Sending your request...');
    fetch('/api/v1/password-changes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username: username, currentPassword: current, newPassword: next })
    }).then(function (response) {
      var location = response.headers.get('Location');
      return response.json().then(function (body) {
        if (response.status === 202 && location) {
          form.currentPassword.value = '';
          form.newPassword.value = '';
          form.confirmPassword.value = '';
          show('pending', HEADINGS.ACCEPTED, 'Your request was received and is being processed.');
          poll(location, 0);
        } else {
          show('error', 'Not sent', body.message || 'The request was refused.');
          finish();
        }
      });
    }).catch(function () {
      show('error', 'Not sent', 'The portal cannot be reached. Check your connection and try again.');
      finish();
    });
  });
}());
