odoo.define('crm_followup.saved_search', function (require) {
"use strict";

/**
 * Saved searches (标签搜索) in the Favourites menu: a favourite is saved with its tag, colour,
 * sharing (me, my sales team, the company) and workbench flag, and its domain is kept as the
 * search view's own unevaluated expressions (context_today(), relativedelta): "this week" is
 * evaluated each time the favourite runs, where Odoo 11 froze the dates at saving.
 */
var core = require('web.core');
var data_manager = require('web.data_manager');
var FavoriteMenu = require('web.FavoriteMenu');
var pyeval = require('web.pyeval');
var session = require('web.session');

var _t = core._t;

/** A JSON value (a domain the client evaluated) as a Python literal. */
function toPython(value) {
    if (value === null || value === undefined) { return 'None'; }
    if (value === true) { return 'True'; }
    if (value === false) { return 'False'; }
    if (typeof value === 'number') { return String(value); }
    if (typeof value === 'string') {
        return "'" + value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
    }
    if (_.isArray(value)) { return '[' + _.map(value, toPython).join(', ') + ']'; }
    throw new Error('Cannot save ' + JSON.stringify(value));
}

/** The terms of a list literal '[A, B]' as text 'A, B' ('' if empty, null if not a literal). */
function termsOf(text) {
    var trimmed = text.trim();
    if (trimmed[0] !== '[' || trimmed[trimmed.length - 1] !== ']') { return null; }
    return trimmed.slice(1, -1).trim();
}

/** How many '&' make an implicit-AND domain one term (for an OR between filters). */
function missingAnds(domainArray) {
    var expected = 1;
    _.each(domainArray, function (item) {
        if (item === '&' || item === '|') { expected++; } else if (item !== '!') { expected--; }
    });
    return Math.max(0, -expected);
}

function repeat(text, times) {
    return _.times(times, _.constant(text)).join('');
}

/**
 * The terms of one facet's domain as Python text: a group of the search view's filters keeps
 * their written expressions (ORed as Odoo does); what the user typed is saved as evaluated.
 */
function facetTerms(facet, userContext) {
    var field = facet.get('field');
    var evaluated = field.get_domain(facet);
    if (!evaluated) { return ''; }
    var written = facet.values.map(function (facetValue) {
        var value = facetValue.get('value');
        return value && value.attrs ? value.attrs.domain : undefined;
    });
    if (field.filters && _.every(written, _.isString)) {
        var parts = [];
        var literal = _.every(written, function (text) {
            var terms = termsOf(text);
            if (terms === null) { return false; }
            if (terms) {
                var arity = missingAnds(pyeval.eval('domain', text, userContext));
                parts.push(repeat("'&', ", arity) + terms);
            }
            return true;
        });
        if (literal) {
            return repeat("'|', ", Math.max(0, parts.length - 1)) + parts.join(', ');
        }
    }
    return _.isString(evaluated) ? termsOf(evaluated) || '' : termsOf(toPython(evaluated));
}

FavoriteMenu.include({
    /**
     * Odoo's save_favorite, with the domain kept unevaluated and the saved search's tag, colour,
     * sharing and workbench flag.
     */
    save_favorite: function () {
        var self = this;
        var filter_name = this.$inputs[0].value;
        var default_filter = this.$inputs[1].checked;
        if (!filter_name.length) {
            this.do_warn(_t("Error"), _t("Filter name is required."));
            this.$inputs.first().focus();
            return;
        }
        if (_.chain(this.filters).pluck('name').contains(filter_name).value()) {
            this.do_warn(_t("Error"), _t("Filter with same name already exists."));
            this.$inputs.first().focus();
            return;
        }
        var user_context = this.getSession().user_context;
        var search = this.searchview.build_search_data();
        var controllerContext;
        this.trigger_up('get_controller_context', {
            callback: function (ctx) { controllerContext = ctx; },
        });
        var results = pyeval.eval_domains_and_contexts({
            domains: search.domains,
            contexts: [user_context].concat(search.contexts.concat(controllerContext || [])),
            group_by_seq: search.groupbys || [],
        });
        if (!_.isEmpty(results.group_by)) {
            results.context.group_by = results.group_by;
        }
        var ctx = results.context;
        _(_.keys(session.user_context)).each(function (key) { delete ctx[key]; });
        var terms = [];
        this.query.each(function (facet) {
            var text = facetTerms(facet, user_context);
            if (text) { terms.push(text); }
        });
        var scope = this.$('.o_followup_share').val() || 'me';
        var filter = {
            name: filter_name,
            user_id: scope === 'me' ? session.uid : false,
            model_id: this.target_model,
            context: results.context,
            domain: '[' + terms.join(', ') + ']',
            sort: JSON.stringify(this.searchview.dataset._sort),
            is_default: default_filter,
            action_id: this.action_id,
            share_scope: scope,
            followup_tag: this.$('.o_followup_tag').val() || false,
            followup_color: parseInt(this.$('.o_followup_color').val() || '0', 10),
            on_workbench: this.$('.o_followup_workbench').prop('checked'),
        };
        return data_manager.create_filter(filter).done(function (id) {
            filter.id = id;
            self.toggle_save_menu(false);
            self.$save_name.find('input').val('').prop('checked', false);
            self.$('.o_followup_share').val('me');
            self.$('.o_followup_color').val('0');
            self.add_filter(filter);
            self.append_filter(filter);
            self.toggle_filter(filter, true);
        });
    },
});

return {toPython: toPython, facetTerms: facetTerms};
});
