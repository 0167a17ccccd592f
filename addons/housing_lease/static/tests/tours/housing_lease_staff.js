import { registry } from "@web/core/registry";

// A uthyrare registers a lease for two tenants, confirms it and registers the tenants' notice.
registry.category("web_tour.tours").add("housing_lease_draft_to_notice", {
    url: "/odoo/housing-leases/new",
    steps: () => [
        {
            content: "Choose the flat",
            trigger: ".o_field_widget[name=rental_object_id] input",
            run: "edit 999-001-01-0001",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(999-001-01-0001)",
            run: "click",
        },
        {
            content: "The lease starts on 1 January 2025",
            trigger: ".o_field_widget[name=date_start] input",
            run: "edit 01/01/2025",
        },
        {
            content: "Add the first tenant",
            trigger: "div[name=tenant_line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: "div[name=tenant_line_ids] .o_data_row .o_field_widget[name=partner_id] input",
            run: "edit Anna Andersson",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Anna Andersson)",
            run: "click",
        },
        {
            content: "Add the second tenant",
            trigger: "div[name=tenant_line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger:
                "div[name=tenant_line_ids] .o_data_row:nth-child(2) .o_field_widget[name=partner_id] input",
            run: "edit Ali Andersson",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Ali Andersson)",
            run: "click",
        },
        {
            content: "Save the draft",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The second tenant became a co-tenant without being told",
            trigger:
                ".o_form_saved div[name=tenant_line_ids] .o_data_row:nth-child(2):contains(Ali Andersson):contains(Co-tenant)",
        },
        {
            content: "Confirm the lease",
            trigger: ".o_form_saved button[name=action_confirm]",
            run: "click",
        },
        {
            content: "It is current and shows its rent",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Current)",
        },
        {
            trigger: ".o_field_widget[name=current_rent]:contains(6,200.00)",
        },
        {
            content: "Give notice",
            trigger: "button[name=action_open_notice_wizard]",
            run: "click",
        },
        {
            content: "The wizard shows the earliest termination date; register the notice",
            trigger: ".modal .o_field_widget[name=earliest_termination_date]:not(:empty)",
        },
        {
            trigger: ".modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The lease is under notice",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Notice given)",
        },
    ],
});
