import { registry } from "@web/core/registry";

// A kvartersvärd takes a fault report from the kanban to closed.
registry.category("web_tour.tours").add("housing_service_request_kanban_to_closed", {
    url: "/odoo/service-requests",
    steps: () => [
        {
            content: "The menu opens on the kanban by stage; the card names the tenant",
            trigger:
                ".o_kanban_group:contains(Waiting for handling) .o_kanban_record:contains(Kylskåpet är trasigt):contains(Anna Andersson)",
        },
        {
            content: "Open the fault report",
            trigger: ".o_kanban_record:contains(Kylskåpet är trasigt)",
            run: "click",
        },
        {
            content: "The reporter's phone is at the top of the form",
            trigger: ".o_field_widget[name=reporter_phone]:contains(+46701234567)",
        },
        {
            content: "Only the service request stages are offered",
            trigger: ".o_statusbar_status:not(:contains(Scrap)):contains(Waiting for handling)",
        },
        {
            content: "Assign the resource",
            trigger: ".o_field_widget[name=user_id] input",
            run: "edit prop_user",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(prop_user)",
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Assigning the resource moved it on",
            trigger: ".o_form_saved .o_statusbar_status .o_arrow_button_current:contains(Resource assigned)",
        },
        {
            content: "Start the work",
            trigger: ".o_statusbar_status button:contains(Started)",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Started)",
        },
        {
            content: "The work is done",
            trigger: ".o_statusbar_status button:contains(Performed)",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Performed)",
        },
        {
            content: "Close the request",
            trigger: ".o_statusbar_status button:contains(Closed)",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Closed)",
        },
        {
            content: "The tenant's conversation holds the e-mails they got",
            trigger: ".o_notebook .nav-link:contains(Conversation with the tenant)",
            run: "click",
        },
        {
            trigger: "div[name=tenant_message_ids] .o_data_row:contains(Closed)",
        },
    ],
});
