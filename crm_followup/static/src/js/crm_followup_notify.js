odoo.define('crm_followup.notify', function (require) {
"use strict";

// The answer of a claim, release, assignment or hand-over (res.partner._followup_done_action):
// a notification saying what happened, then the dialog closes and the view reloads as after any
// button, so that a card leaving the kanban is not the only sign.
var core = require('web.core');

function notifyDone(parent, action) {
    var params = action.params || {};
    // the notification renders its text as HTML: customer names are escaped here
    parent.do_notify(_.escape(params.title || ''), _.escape(params.message || ''));
    return {type: 'ir.actions.act_window_close'};
}

core.action_registry.add('crm_followup_notify', notifyDone);

return notifyDone;
});
