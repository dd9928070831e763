odoo.define('crm_followup.activity', function (require) {
"use strict";

// "Mark Done" on a follow-up reminder logs the follow-up: the server answers with the Log
// Follow-up dialog (method, result, what was said: the feedback typed in the popover), and the
// reminder closes when the follow-up is saved. Other reminders are marked done as usual.
var field_registry = require('web.field_registry');
require('mail.Activity');  // registers the two widgets extended here

var markDoneLogsFollowup = {
    _markActivityDone: function (id, feedback) {
        var self = this;
        var superMarkDone = this._super.bind(this);
        return this._rpc({
            model: 'mail.activity',
            method: 'action_followup_log',
            args: [[id]],
            kwargs: {feedback: feedback || false},
            context: this.record.getContext(),
        }).then(function (action) {
            if (!action) {
                return superMarkDone(id, feedback);
            }
            var closed = $.Deferred();
            self.do_action(action, {on_close: function () { closed.resolve(); }});
            return closed;
        });
    },
};

field_registry.get('mail_activity').include(markDoneLogsFollowup);
field_registry.get('kanban_activity').include(markDoneLogsFollowup);
});
