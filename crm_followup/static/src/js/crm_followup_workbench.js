odoo.define('crm_followup.workbench', function (require) {
"use strict";

// 今日工作台: the salesperson's page for today, as a client action. The server
// (crm.followup.workbench.get_data) decides what is on it; this widget renders the sections and
// turns each line into one tap: open the customer, or log the follow-up in the Log Follow-up
// dialog; the page reloads when the dialog closes or the user comes back to it. Its search box
// is the global search: any name, number or address finds the customer, with why it matched.
var ControlPanelMixin = require('web.ControlPanelMixin');
var core = require('web.core');
var session = require('web.session');
var Widget = require('web.Widget');
var ActivityMenu = require('mail.systray').ActivityMenu;

var QWeb = core.qweb;

var Workbench = Widget.extend(ControlPanelMixin, {
    template: 'crm_followup.Workbench',
    events: {
        'click .o_followup_wb_open': '_onOpenCustomer',
        'click .o_followup_wb_open_record': '_onOpenRecord',
        'click .o_followup_wb_log': '_onLogFollowup',
        'click .o_followup_wb_all': '_onOpenList',
        'click .o_followup_wb_chip': '_onOpenChip',
        'submit .o_followup_wb_search': '_onSearch',
        'input .o_followup_wb_search_input': '_onSearchInput',
    },

    init: function (parent, action) {
        this._super.apply(this, arguments);
        this.action_manager = parent;
        this.title = action.display_name || action.name;
        this.searchSerial = 0;
        this._onSearchInput = _.debounce(this._search.bind(this), 300);
    },
    willStart: function () {
        return $.when(this._super.apply(this, arguments), this._load());
    },
    start: function () {
        this._render();
        this._updateControlPanel();
        return this._super.apply(this, arguments);
    },
    do_show: function () {
        this._super.apply(this, arguments);
        this._updateControlPanel();
        this._reload();
    },

    _load: function () {
        var self = this;
        var sections = this._rpc({model: 'crm.followup.workbench', method: 'get_data', args: [],
                                  context: session.user_context});
        // the saved searches (标签搜索) flagged for the workbench, each with its live count
        var chips = this._rpc({model: 'ir.filters', method: 'get_workbench_chips', args: [],
                               context: session.user_context});
        return $.when(sections, chips).then(function (data, chipList) {
            data.chips = chipList;
            self.data = data;
        });
    },
    _reload: function () {
        return this._load().then(this._render.bind(this));
    },
    _render: function () {
        this.$('.o_followup_wb_sections').html(QWeb.render('crm_followup.WorkbenchSections', {data: this.data}));
    },
    _updateControlPanel: function () {
        this.set('title', this.title);
        this.update_control_panel({breadcrumbs: this.action_manager.get_breadcrumbs(), cp_content: {}},
                                  {clear: true});
    },

    _onOpenCustomer: function (ev) {
        ev.preventDefault();
        this.do_action({
            type: 'ir.actions.act_window',
            res_model: 'res.partner',
            res_id: $(ev.currentTarget).data('id'),
            views: [[false, 'form']],
        });
    },
    // a line of another model than the customer (a complaint): opens that record
    _onOpenRecord: function (ev) {
        ev.preventDefault();
        var $line = $(ev.currentTarget);
        this.do_action({
            type: 'ir.actions.act_window',
            res_model: $line.data('model'),
            res_id: $line.data('id'),
            views: [[false, 'form']],
        });
    },
    _onLogFollowup: function (ev) {
        ev.preventDefault();
        ev.stopPropagation();
        var self = this;
        var $line = $(ev.currentTarget);
        this._rpc({
            model: 'res.partner',
            method: 'action_log_followup',
            args: [[$line.data('contact-id') || $line.data('id')]],
            context: session.user_context,
        }).then(function (action) {
            self.do_action(action, {on_close: self._reload.bind(self)});
        });
    },
    // the global search (res.partner.followup_global_search): as the user types, the latest answer wins
    _search: function () {
        var self = this;
        var text = this.$('.o_followup_wb_search_input').val().trim();
        var serial = ++this.searchSerial;
        if (!text) {
            this.$('.o_followup_wb_results').empty();
            return $.when();
        }
        return this._rpc({model: 'res.partner', method: 'followup_global_search', args: [text, 20],
                          context: session.user_context})
            .then(function (results) {
                if (serial === self.searchSerial) {
                    self.$('.o_followup_wb_results').html(
                        QWeb.render('crm_followup.WorkbenchResults', {results: results}));
                }
            });
    },
    _onSearch: function (ev) {
        ev.preventDefault();
        this._search();
    },
    _onOpenList: function (ev) {
        ev.preventDefault();
        var $link = $(ev.currentTarget);
        var section = this.data[$link.data('section')];
        this.do_action({
            type: 'ir.actions.act_window',
            name: $link.closest('h3').clone().children().remove().end().text().trim(),
            res_model: section.model || 'res.partner',
            views: [[false, 'list'], [false, 'form']],
            domain: section.domain || [['id', 'in', section.ids]],
        });
    },
    _onOpenChip: function (ev) {
        ev.preventDefault();
        var self = this;
        this._rpc({
            model: 'ir.filters',
            method: 'action_followup_open',
            args: [[$(ev.currentTarget).data('id')]],
            context: session.user_context,
        }).then(function (action) {
            self.do_action(action);
        });
    },
});

core.action_registry.add('crm_followup_workbench', Workbench);

// The activity menu of the top bar: a salesperson's reminders on customers (due follow-ups,
// birthdays, take-back warnings) lead to the workbench, which lists them with what to do,
// rather than to a kanban of contacts.
ActivityMenu.include({
    _onActivityFilterClick: function (event) {
        var data = _.extend({}, $(event.currentTarget).data(), $(event.target).data());
        if (data.res_model === 'res.partner' && data.filter !== 'upcoming_all') {
            return this.do_action('crm_followup.crm_followup_workbench_action', {clear_breadcrumbs: true});
        }
        return this._super.apply(this, arguments);
    },
});

return Workbench;
});
