odoo.define('crm_followup.FieldDateTimeMinutes', function (require) {
"use strict";

// widget="followup_datetime": a datetime read to the minute. Odoo 11 shows datetimes with the
// language's time format, seconds included ("14时05分37秒"), which nobody plans follow-ups by.
// Only our views use it: res.lang's time format is left alone, as it is every other app's too.
// Editing is the standard date-time picker. Same cut as followup_dates.format_datetime.
var basic_fields = require('web.basic_fields');
var core = require('web.core');
var field_registry = require('web.field_registry');
var time = require('web.time');

var SECONDS = [':%S', '%S秒', '.%S'];

function minutesFormat() {
    var params = core._t.database.parameters;
    var timeFormat = params.time_format;
    _.each(SECONDS, function (cut) { timeFormat = timeFormat.replace(cut, ''); });
    return time.strftime_to_moment_format(params.date_format + ' ' + timeFormat);
}

var FieldDateTimeMinutes = basic_fields.FieldDateTime.extend({
    _formatValue: function (value) {
        if (!value) {
            return '';
        }
        return value.clone().add(this.getSession().getTZOffset(value), 'minutes').format(minutesFormat());
    },
});

field_registry.add('followup_datetime', FieldDateTimeMinutes);

return FieldDateTimeMinutes;
});
