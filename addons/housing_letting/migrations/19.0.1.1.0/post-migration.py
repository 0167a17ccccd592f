import json


def migrate(cr, version):
    """19.0.1.1: the ranking an offer was made from is kept in the allocation audit
    (housing.allocation.round and its lines) instead of the offer's own Json column: each
    offer's stored snapshot becomes a round of its listing (numbered in the order the
    offers were sent), then the column goes."""
    cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'housing_offer' AND column_name = 'ranking_snapshot'"
    )
    if not cr.fetchone():
        return
    cr.execute(
        """
        SELECT offer.id, offer.listing_id, listing.category, offer.sent_at,
               offer.ranking_snapshot::jsonb,
               row_number() OVER (PARTITION BY offer.listing_id ORDER BY offer.sent_at, offer.id)
          FROM housing_offer offer
          JOIN housing_listing listing ON listing.id = offer.listing_id
         WHERE offer.ranking_snapshot IS NOT NULL AND offer.allocation_round_id IS NULL
         ORDER BY offer.id
        """
    )
    for offer_id, listing_id, category, sent_at, rows, number in cr.fetchall():
        rows = rows or []
        cr.execute(
            """
            INSERT INTO housing_allocation_round (
                listing_id, category, round_number, kind, made_at, applicant_count,
                eligible_count, create_uid, create_date, write_uid, write_date)
            VALUES (%s, %s, %s, 'offer', %s, %s, %s, 1, %s, 1, %s)
            RETURNING id
            """,
            [
                listing_id,
                category,
                number,
                sent_at,
                len(rows),
                sum(1 for row in rows if row.get("priority") != "none"),
                sent_at,
                sent_at,
            ],
        )
        [round_id] = cr.fetchone()
        # Snapshots from before 8a005c3 named protected applicants: they go to the
        # protected columns (and the name is dropped) like every new round.
        cr.execute(
            """
            INSERT INTO housing_allocation_line (
                round_id, rank, partner_id, application_id, partner_name, protected,
                protected_partner_id, protected_application_id, anonymised, priority,
                priority_reason, queue_start_date, queue_points, application_type,
                applied_at, state)
            SELECT %(round)s, r.rank,
                   CASE WHEN hidden THEN NULL ELSE partner.id END,
                   CASE WHEN hidden THEN NULL ELSE app.id END,
                   CASE WHEN hidden THEN NULL ELSE r.partner END,
                   hidden,
                   CASE WHEN hidden THEN partner.id END,
                   CASE WHEN hidden THEN app.id END,
                   FALSE, r.priority, r.reason, r.queue_start_date,
                   (%(sent)s::timestamp)::date - r.queue_start_date, r.application_type,
                   app.create_date, r.state
              FROM jsonb_to_recordset(%(rows)s::jsonb) AS r(
                       rank int, partner_id int, partner varchar, protected bool,
                       priority varchar, reason varchar, queue_start_date date,
                       state varchar, application_id int, application_type varchar)
         LEFT JOIN housing_application app ON app.id = r.application_id
         LEFT JOIN res_partner partner ON partner.id = COALESCE(r.partner_id, app.partner_id)
             CROSS JOIN LATERAL (
                   SELECT COALESCE(r.protected, FALSE)
                          OR COALESCE(partner.protected_identity, FALSE) AS hidden
                   ) AS p
            """,
            {"round": round_id, "sent": sent_at, "rows": json.dumps(rows)},
        )
        cr.execute(
            "UPDATE housing_offer SET allocation_round_id = %s WHERE id = %s", [round_id, offer_id]
        )
    cr.execute("ALTER TABLE housing_offer DROP COLUMN ranking_snapshot")
