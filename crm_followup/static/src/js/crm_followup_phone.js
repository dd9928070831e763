odoo.define('crm_followup.phone', function (require) {
"use strict";

// Tap-to-call: Odoo's phone widget is a tel: link on a phone. A pool customer's masked number
// (138****5678) is never one: the server flags the record (followup_contact_masked, where the
// view reads it) and the stars are no digits to dial anyway.
var basic_fields = require('web.basic_fields');

basic_fields.FieldPhone.include({
    _canCall: function () {
        return this._super.apply(this, arguments) &&
            !(this.record && this.record.data.followup_contact_masked) &&
            !/\*/.test(this.value || '');
    },
});
});
