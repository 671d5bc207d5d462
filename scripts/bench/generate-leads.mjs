// Bulk-loads synthetic leads into one tenant straight in SQL (generate_series),
// spread like a real book: every stage of the tenant's default pipeline, owners
// among the given reps with 2 % in the pool, created over two years (nine in
// ten leads older than 90 days closed, won or lost, as in a worked book), answered
// except some of the last two days' leads, 10 % with a next action due from
// yesterday to a month ahead. People look like people, for duplicate detection:
// names from common first and last names (about 40,000 combinations, so many
// share a name), a unique email, a US phone for 70 %, and for 60 % one of
// 50,000 companies, about 12 leads each (name, most with a website and its
// domain, the rest with a TIN).
// Usage (module): await generateLeads(sql, { tenantId, ownerIds, count })
import { LEAD_SOURCES } from "@leadline/shared";

/** Distinct words of a list, at most `limit`. */
const words = (list, limit = Number.POSITIVE_INFINITY) => [...new Set(list.trim().split(/\s+/))].slice(0, limit);

const FIRST_NAMES =
  words(`James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard
  Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Sandra Mark
  Margaret Donald Ashley Steven Kimberly Andrew Emily Paul Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian
  Melissa George Deborah Timothy Stephanie Ronald Dorothy Jason Rebecca Edward Sharon Jeffrey Laura Ryan Cynthia Jacob
  Amy Gary Kathleen Nicholas Angela Eric Shirley Jonathan Brenda Stephen Emma Larry Anna Justin Pamela Scott Nicole
  Brandon Samantha Benjamin Katherine Samuel Christine Gregory Helen Alexander Debra Patrick Rachel Frank Carolyn
  Raymond Janet Jack Maria Dennis Catherine Jerry Heather Tyler Diane Aaron Olivia Jose Julie Adam Joyce Nathan
  Victoria Henry Ruth Zachary Virginia Douglas Lauren Peter Kelly Kyle Christina Noah Joan Ethan Evelyn Jeremy Judith
  Walter Andrea Christian Hannah Keith Megan Roger Cheryl Terry Jacqueline Austin Martha Sean Madison Gerald Teresa
  Carl Gloria Harold Sara Dylan Janice Arthur Ann Lawrence Kathryn Jordan Abigail Jesse Sophia Bryan Frances Billy
  Jean Bruce Alice Gabriel Judy Joe Isabella Logan Julia Alan Grace Juan Amber Albert Denise Willie Danielle Elijah
  Marilyn Wayne Beverly Randy Charlotte Vincent Natalie Mason Theresa Roy Diana Ralph Brittany Bobby Doris Russell
  Kayla Louis Alexis Philip Lori Johnny Marie`);
const LAST_NAMES =
  words(`Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez
  Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis
  Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera
  Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris
  Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward
  Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel
  Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales
  Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole
  Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez
  McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson
  Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson
  Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver
  Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley`);
const COMPANY_PREFIXES = words(
  `Acme Globex Initech Umbrella Stark Wayne Wonka Tyrell Cyberdyne Soylent Hooli Vandelay Oscorp
  Massive Dynamic Aperture Gringotts Monarch Virtucon Nakatomi Zorg Ollivander Sterling Pied Piper Blue Sun Prestige
  Dunder Bluth Genco Lacuna Omni Vought Weyland Yoyodyne Rekall Spacely Cogswell Krusty Duff Gekko Paper Street
  Strickland Benthic Abstergo Octan Kwik Fulton Roxxon Sirius Tessier Hanso Ajax Apex Summit Cascade Harbor Pioneer
  Northwind Contoso Fabrikam Litware Proseware Adatum Tailspin Wingtip Lucerne Margie Trey Coho Woodgrove Humongous
  Alpine Fourth Coffee Graphic Design Southridge Blue Yonder Relecloud Munson Consolidated Fenwick Bristol Keystone
  Meridian Beacon Evergreen Redwood Granite Silverline Bluewater Ironwood Lakeside Riverbend Highland Crescent Vertex`,
  100,
);
const COMPANY_ROOTS = words(
  `Labs Systems Robotics Logistics Foods Energy Media Health Capital Analytics Software Networks
  Dynamics Solutions Industries Partners Ventures Holdings Biotech Pharma Motors Aerospace Textiles Brewing Mining
  Insurance Realty Consulting Security Telecom Devices Materials Chemicals Apparel Outdoor Studios Publishing Travel
  Hospitality Retail Wholesale Marine Freight Rail Aviation Agritech Fintech Edtech Medtech Cloud Data Semiconductors
  Optics Acoustics Ceramics Plastics Metals Paper Glass Furniture Lighting Solar Wind Hydro Nuclear Water Waste
  Recycling Packaging Printing Events Fitness Nutrition Dental Vision Pet Toys Games Music Films Radio Television
  Advertising Marketing Staffing Legal Accounting Payroll Banking Lending Payments Crypto Quantum Genomics Imaging
  Diagnostics Clinics Pharmacy Supply Tools Engines Pumps Valves Sensors`,
  100,
);
const COMPANY_SUFFIXES = ["Inc", "LLC", "Group", "Ltd", "Co"];
const TLDS = ["com", "io", "co", "net", "org"];
const FREE_MAIL = ["gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com"];
const AREA_CODES = "212 213 305 312 404 415 503 512 602 617 702 713 718 720 206 303 347 412 646 808".split(" ");
/** Companies in the book: prefix × root × suffix, each with its own domain. */
const COMPANIES = 50_000;

/** Campaigns a third of the leads came from (attribution.utmCampaign), with `funnel`. */
const CAMPAIGNS = words(`spring_launch webinar_q1 webinar_q3 pricing_ads retargeting partner_week newsletter_june
  trade_show black_friday brand_search competitor_search ebook_guide`);

/**
 * `funnel: true` shapes the outcomes a metrics dashboard reads (the other benches keep their
 * data as measured): won leads carry convertedAt (three days after creation), a third carry a
 * UTM campaign, and first responses take 5–94 minutes against the hour due, so about six in
 * ten SLAs are met rather than all.
 */
export async function generateLeads(sql, { tenantId, ownerIds, count, batch = 100_000, funnel = false }) {
  const [{ id: pipelineId }] = await sql`select id from pipelines where tenant_id = ${tenantId} and is_default`;
  const stageRows = await sql`select key, category from stages where pipeline_id = ${pipelineId} order by position`;
  const open = stageRows.filter((s) => s.category === "OPEN").map((s) => s.key);
  const closed = stageRows.filter((s) => s.category !== "OPEN").map((s) => s.key);
  const won = stageRows.filter((s) => s.category === "WON").map((s) => s.key);
  const [{ max }] = await sql`select coalesce(max(request_id), 0)::int as max from leads where tenant_id = ${tenantId}`;
  const sources = [...LEAD_SOURCES];
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await sql`
      insert into leads (tenant_id, request_id, pipeline_id, status, rank, source, channel, name, email, city,
        first_name, last_name, phone, company_name, company_website, company_domain, company_tin,
        owner_id, created_by_id, score, first_response_due_at, sla_at_risk_at, first_response_at, sla_state,
        next_action_type, next_action_due_at, last_activity_at, created_at, updated_at
        ${funnel ? sql`, converted_at, attribution` : sql``})
      select ${tenantId}, ${max} + g, ${pipelineId}, st.status,
        lpad(to_hex(10000000000000 - (extract(epoch from c) * 1000)::bigint), 12, '0') || 'i',
        (${sources}::text[])[1 + (g * 31) % ${sources.length}], 'API',
        p.first || ' ' || p.last,
        lower(p.first || '.' || p.last || g) || '@' || coalesce(co.domain, (${FREE_MAIL}::text[])[1 + g % ${FREE_MAIL.length}]),
        (array['Berlin','Austin','Lisbon','Osaka'])[1 + g % 4],
        p.first, p.last,
        -- Unique per lead: line g % 10,000, an exchange that is never N11, the area mixed in.
        case when g % 10 < 7 then '+1' || (${AREA_CODES}::text[])[1 + (g / 980000 + g) % ${AREA_CODES.length}]
          || (201 + ((g / 10000) % 98) * 8)::text || lpad((g % 10000)::text, 4, '0') end,
        co.name, case when co.k % 10 < 7 then 'https://' || co.domain end, case when co.k % 10 < 7 then co.domain end,
        case when co.k % 10 >= 7 then (100000000 + co.k * 17)::text end,
        case when g % 50 = 0 then null else (${ownerIds}::uuid[])[1 + (g * 13) % ${ownerIds.length}] end,
        (${ownerIds}::uuid[])[1], (g * 37) % 101,
        c + interval '1 hour', c + interval '45 minutes',
        case when g % 730 < 2 and g % 3 = 0 then null
          else c + ${funnel ? sql`(5 + (g * 17) % 90) * interval '1 minute'` : sql`interval '20 minutes'`} end,
        case when g % 730 < 2 and g % 3 = 0 then 'BREACHED' else 'MET' end,
        case when g % 10 = 1 then 'CALL' end,
        case when g % 10 = 1 then now() - interval '1 day' + (g % 4464) * interval '10 minutes' end,
        c, c, c
        ${
          funnel
            ? sql`, case when st.status = any(${won}::text[]) then c + interval '3 days' end,
          case when g % 3 = 0 then jsonb_build_object('utmSource', 'google', 'utmMedium', 'cpc',
            'utmCampaign', (${CAMPAIGNS}::text[])[1 + (g / 3) % ${CAMPAIGNS.length}]) end`
            : sql``
        }
      from generate_series(${from}::int, ${to}::int) as g,
        lateral (select now() - (g % 730) * interval '1 day' - (g % 86400) * interval '1 second' as c) as t,
        lateral (select case when g % 730 >= 90 and g % 10 <> 0
          then (${closed}::text[])[1 + (g::bigint * 7919) % ${closed.length}]
          else (${open}::text[])[1 + (g::bigint * 7919) % ${open.length}] end as status) as st,
        lateral (select (${FIRST_NAMES}::text[])[1 + (g::bigint * 2654435761 % 4294967296) % ${FIRST_NAMES.length}] as first,
          (${LAST_NAMES}::text[])[1 + (g::bigint * 40503 + 12345) % 1000003 % ${LAST_NAMES.length}] as last) as p,
        -- 60 % at a company (k null for the rest, and so every company column).
        lateral (select case when g % 5 < 3 then ((g / 5)::bigint * 7919 + g % 5) % ${COMPANIES} end as k) as company,
        lateral (select k, pre || ' ' || root || ' ' || suffix as name, lower(pre || root) || '.' || tld as domain
          from (select (${COMPANY_PREFIXES}::text[])[1 + k % 100] as pre,
            (${COMPANY_ROOTS}::text[])[1 + (k / 100) % 100] as root,
            (${COMPANY_SUFFIXES}::text[])[1 + (k / 10000) % 5] as suffix,
            (${TLDS}::text[])[1 + (k / 10000) % 5] as tld) as parts) as co`;
    process.stdout.write(`  ${to.toLocaleString()} leads\r`);
  }
  await sql`insert into tenant_counters (tenant_id, name, value) values (${tenantId}, 'lead', ${max + count})
    on conflict (tenant_id, name) do update set value = excluded.value`;
  // Steady state: autovacuum would have set the visibility map by now, which index-only counts rely on.
  await sql`vacuum (analyze) leads`;
  process.stdout.write("\n");
}

/** The tenant's sales team that generated leads are dealt to: rep1…rep20@big.test, each with `password`. */
export async function createReps(services, tenantId, password, count = 20) {
  const reps = [];
  for (let i = 1; i <= count; i++) {
    reps.push(
      await services.tenants.createUser({
        tenantId,
        email: `rep${i}@big.test`,
        name: `Rep ${i}`,
        roles: ["SALES"],
        password,
      }),
    );
  }
  return reps;
}
