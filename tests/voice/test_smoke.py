def test_health_check_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_signed_in_user_sees_their_home(factory, login, client):
    user = factory.user("admin")
    login(user)
    response = client.get("/home")
    assert response.status_code == 200
    assert user.display_name in response.get_data(as_text=True)


def test_setup_data_survives_a_request_that_does_not_commit(factory, client, session):
    from voice.directory.models import Organisation

    org = factory.organisation("Still here after a GET")
    client.get("/help")
    assert session.get(Organisation, org.id) is not None
