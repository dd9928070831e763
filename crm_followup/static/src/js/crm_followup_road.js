odoo.define('crm_followup.road', function (require) {
"use strict";

// 在路上 (On the Road): the salesperson's page on the phone. Today's route (stops in order with
// the arrival time, tap-to-call, navigation in 高德 / 百度, check in and out) and the customers
// nearby. The position always comes from the browser's geolocation, never typed: the server
// (crm.followup.visit.action_checkin, res.partner.followup_nearby) gets what the phone reports,
// or nothing, and then answers with a clear message of its own.
var ControlPanelMixin = require('web.ControlPanelMixin');
var core = require('web.core');
var session = require('web.session');
var Widget = require('web.Widget');
var Workbench = require('crm_followup.workbench');

var QWeb = core.qweb;

// The phone's position as {latitude, longitude}; resolved with nulls when the browser has none
// or the user refuses it, so that the server says what to do.
function getPosition() {
    var done = $.Deferred();
    if (!navigator.geolocation) {
        return done.resolve({latitude: null, longitude: null});
    }
    navigator.geolocation.getCurrentPosition(function (position) {
        done.resolve({latitude: position.coords.latitude, longitude: position.coords.longitude});
    }, function () {
        done.resolve({latitude: null, longitude: null});
    }, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
    return done;
}

function checkin(widget, visitId) {
    return getPosition().then(function (position) {
        return widget._rpc({
            model: 'crm.followup.visit',
            method: 'action_checkin',
            args: [[visitId], position.latitude, position.longitude],
            context: session.user_context,
        });
    });
}

var Road = Widget.extend(ControlPanelMixin, {
    template: 'crm_followup.Road',
    events: {
        'click .o_followup_road_tab': '_onTab',
        'click .o_followup_road_checkin': '_onCheckin',
        'click .o_followup_road_checkout': '_onCheckout',
        'click .o_followup_road_open': '_onOpenCustomer',
        'click .o_followup_road_refresh': '_onRefreshNearby',
    },

    init: function (parent, action) {
        this._super.apply(this, arguments);
        this.action_manager = parent;
        this.title = action.display_name || action.name;
        this.tab = (action.params && action.params.tab) || 'route';
        this.nearby = null;
    },
    willStart: function () {
        return $.when(this._super.apply(this, arguments), this._loadRoute());
    },
    start: function () {
        this._render();
        this._updateControlPanel();
        if (this.tab === 'nearby') {
            this._loadNearby();
        }
        return this._super.apply(this, arguments);
    },
    do_show: function () {
        this._super.apply(this, arguments);
        this._updateControlPanel();
    },

    _loadRoute: function () {
        var self = this;
        return this._rpc({model: 'crm.followup.visit', method: 'get_day_route', args: [],
                          context: session.user_context}).then(function (route) {
            self.route = route;
        });
    },
    _loadNearby: function () {
        var self = this;
        this.$('.o_followup_road_nearby').html(QWeb.render('crm_followup.RoadLocating'));
        return getPosition().then(function (position) {
            return self._rpc({model: 'res.partner', method: 'followup_nearby',
                              args: [position.latitude, position.longitude],
                              context: session.user_context});
        }).then(function (customers) {
            self.nearby = customers;
            self._render();
        }, function () {
            self.$('.o_followup_road_nearby').empty();
        });
    },
    _render: function () {
        this.$('.o_followup_road_body').html(QWeb.render('crm_followup.RoadBody', {
            route: this.route, nearby: this.nearby, tab: this.tab}));
    },
    _updateControlPanel: function () {
        this.set('title', this.title);
        this.update_control_panel({breadcrumbs: this.action_manager.get_breadcrumbs(), cp_content: {}},
                                  {clear: true});
    },
    _reloadRoute: function () {
        return this._loadRoute().then(this._render.bind(this));
    },
    _notify: function (action) {
        if (action && action.params) {
            this.do_notify(_.escape(action.params.title || ''), _.escape(action.params.message || ''),
                           !action.params.verified);
        }
    },

    _onTab: function (ev) {
        ev.preventDefault();
        this.tab = $(ev.currentTarget).data('tab');
        this._render();
        if (this.tab === 'nearby' && this.nearby === null) {
            this._loadNearby();
        }
    },
    _onRefreshNearby: function (ev) {
        ev.preventDefault();
        this._loadNearby();
    },
    _onCheckin: function (ev) {
        var self = this;
        var $button = $(ev.currentTarget).prop('disabled', true);
        checkin(this, $button.data('id')).then(function (action) {
            self._notify(action);
            return self._reloadRoute();
        }).always(function () {
            $button.prop('disabled', false);
        });
    },
    _onCheckout: function (ev) {
        var self = this;
        var $stop = $(ev.currentTarget).closest('.o_followup_road_stop');
        var resultId = parseInt($stop.find('.o_followup_road_result').val(), 10) || false;
        this._rpc({
            model: 'crm.followup.visit',
            method: 'action_checkout',
            args: [[$(ev.currentTarget).data('id')]],
            kwargs: {content: $stop.find('.o_followup_road_content').val() || false, result_id: resultId},
            context: session.user_context,
        }).then(function (action) {
            self._notify(action);
            return self._reloadRoute();
        });
    },
    _onOpenCustomer: function (ev) {
        ev.preventDefault();
        this.do_action({type: 'ir.actions.act_window', res_model: 'res.partner',
                        res_id: $(ev.currentTarget).data('id'), views: [[false, 'form']]});
    },
});

core.action_registry.add('crm_followup_road', Road);

// "Check In" on a visit's form: the server answers with this action; it asks the browser for
// the position, checks in, says how it went and reloads the form.
core.action_registry.add('crm_followup_checkin', function (parent, action) {
    checkin(parent, action.params.visit_id).then(function (answer) {
        parent.do_notify(_.escape(answer.params.title), _.escape(answer.params.message), !answer.params.verified);
        var viewManager = parent.inner_widget;
        var controller = viewManager && viewManager.active_view && viewManager.active_view.controller;
        if (controller && controller.reload) {
            controller.reload();
        }
    });
});

// the workbench's line on today's visits opens this page
Workbench.include({
    events: _.extend({}, Workbench.prototype.events, {'click .o_followup_wb_road': '_onOpenRoad'}),
    _onOpenRoad: function (ev) {
        ev.preventDefault();
        this.do_action('crm_followup.crm_followup_road_action');
    },
});

return {Road: Road, getPosition: getPosition};
});
