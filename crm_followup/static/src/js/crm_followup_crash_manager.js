odoo.define('crm_followup.CrashManager', function (require) {
"use strict";

// A business rule refused (UserError, ValidationError, AccessError...) is not a crash: Odoo 11
// titles its warning dialog with the JSON-RPC error's message, the untranslated "Odoo Server
// Error", and puts the kind ("Warning", "Validation Error") in the subtitle. Title it with the
// kind, translated, and nothing else. Real server errors keep their own dialog.
var core = require('web.core');
var CrashManager = require('web.CrashManager');

var _t = core._t;
var SERVER_ERROR = "Odoo Server Error";  // http.py's fixed, untranslated message

CrashManager.include({
    show_warning: function (error) {
        if (error && error.message === SERVER_ERROR && !error.type && error.data) {
            var kind = String(error.data.title || '').replace(/^\s*-\s*/, '');
            error = _.extend({}, error, {
                type: kind || _t("Warning"),
                data: _.extend({}, error.data, {title: ''}),
            });
        }
        return this._super(error);
    },
});

});
