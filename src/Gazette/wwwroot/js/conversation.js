// The parts of an article page that belong to one reader. The page itself is the same for
// everyone (it is served from a cache), so they are added here, in the reader's browser:
//  - a returning commenter's name, email and website, kept in this browser when they ticked "Save";
//  - a fresh form token once the reader starts on the form (the cached one is shared);
//  - "Edit or delete" under the comments this browser posted, while the edit window is open.
// Without scripts the form still posts; the reader types their details again.
(function () {
  'use strict';

  var SAVED = 'gazette.commenter';

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; // storage switched off, or a private window that refuses it
    }
  }

  function remembered(store) {
    try {
      var saved = store && JSON.parse(store.getItem(SAVED) || 'null');
      return saved && typeof saved === 'object' ? saved : null;
    } catch (e) {
      return null;
    }
  }

  function setUpForm(form) {
    var store = storage();
    var fields = {
      name: form.elements['Form.Name'],
      email: form.elements['Form.Email'],
      website: form.elements['Form.Website']
    };
    // The checkbox, not the hidden "false" that comes with it under the same name.
    var remember = form.querySelector('input[type="checkbox"][name="Form.Remember"]');
    var saved = remembered(store);
    if (saved) {
      Object.keys(fields).forEach(function (key) {
        var field = fields[key];
        if (field && !field.value && typeof saved[key] === 'string') {
          field.value = saved[key];
        }
      });
      if (remember) {
        remember.checked = true;
      }
    }
    form.addEventListener('submit', function () {
      if (!store) {
        return;
      }
      if (remember && remember.checked) {
        store.setItem(SAVED, JSON.stringify({
          name: fields.name ? fields.name.value.trim() : '',
          email: fields.email ? fields.email.value.trim() : '',
          website: fields.website ? fields.website.value.trim() : ''
        }));
      } else {
        store.removeItem(SAVED);
      }
    });

    var tokenUrl = form.getAttribute('data-token-url');
    var token = form.elements['Form.Token'];
    var asked = false;
    form.addEventListener('focusin', function () {
      if (asked || !tokenUrl || !token || !window.fetch) {
        return;
      }
      asked = true;
      window.fetch(tokenUrl, { credentials: 'same-origin', cache: 'no-store' })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (fresh) {
          if (fresh) {
            token.value = fresh;
          }
        })
        .catch(function () { /* the token in the page still works */ });
    });
  }

  function addEditLinks() {
    var match = document.cookie.match(/(?:^|;\s*)gazette_mine=([^;]*)/);
    if (!match) {
      return;
    }
    var now = Date.now() / 1000;
    decodeURIComponent(match[1]).split('-').forEach(function (item) {
      var parts = item.split('.');
      var id = parseInt(parts[0], 10);
      var until = parseInt(parts[1], 10);
      if (!(id > 0) || !(until > now)) {
        return;
      }
      var comment = document.getElementById('comment-' + id);
      var actions = comment && comment.querySelector('.comment-actions');
      if (!actions || actions.querySelector('.edit-link')) {
        return;
      }
      var link = document.createElement('a');
      link.className = 'edit-link';
      link.href = '/comments/' + id + '/edit';
      link.textContent = 'Edit or delete';
      actions.appendChild(link);
    });
  }

  var form = document.querySelector('form.comment-form');
  if (form) {
    setUpForm(form);
  }
  addEditLinks();
}());
