from pydantic import Field

from .base import CodeRef, Date, DateTime, PageQuery, Resource, selection
from .register import Code


class LeaseRentalObject(Resource):
    id: int
    code: str
    name: str


class Tenant(Resource):
    customer_number: str | None
    name: str
    role: selection("housing.lease.tenant", "role")


class Notice(Resource):
    given_by: selection("housing.lease", "notice_given_by") | None
    notice_date: Date
    preferred_move_out_date: Date | None
    termination_date: Date | None


class RentLine(Resource):
    kind: selection("housing.lease.rent.line", "kind")
    description: str | None
    amount: float
    tax_rate: float
    valid_from: Date
    valid_to: Date | None


class Lease(Resource):
    """A lease (hyreskontrakt) with its tenants, notice and rent lines."""

    id: int
    number: str = Field(examples=["705-808-00-0006/01"])
    type: selection("housing.lease", "lease_type")
    state: selection("housing.lease", "state")
    rental_object: LeaseRentalObject
    property: CodeRef | None
    residential_area: CodeRef | None
    tenants: list[Tenant]
    contract_date: Date | None
    start_date: Date
    end_date: Date | None
    last_day: Date | None = Field(description="Termination date after notice, else end date.")
    notice: Notice | None
    current_rent: float
    currency: str
    rent_lines: list[RentLine]
    updated_at: DateTime


class LeaseQuery(PageQuery):
    contact: Code | None = Field(None, description="Customer number of a tenant (any role).")
    rental_object: Code | None = Field(None, description="Rental object code.")
    state: selection("housing.lease", "state") | None = None
    type: selection("housing.lease", "lease_type") | None = None
