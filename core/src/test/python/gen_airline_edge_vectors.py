#!/usr/bin/env python3
"""Generates core/src/test/resources/conformance/taubench/airline_edge_vectors.json.

Runs the *upstream* τ-bench airline tools (sierra-research/tau-bench, checkout given by --tau-bench)
on scenarios of tool calls — hand-picked error paths, wrongly typed arguments, quirks, and seeded
random success-heavy sequences — each on freshly loaded data, exactly as upstream Env.step does
(exceptions become "Error: {e}"), and records every observation and the final data hash.
Run with the Python version named in the output (the vectors were made with CPython 3.12.1):

    python3.12 core/src/test/python/gen_airline_edge_vectors.py --tau-bench /path/to/tau-bench \
        --out core/src/test/resources/conformance/taubench/airline_edge_vectors.json
"""
import argparse, copy, json, os, pickle, platform, random, sys, types
from hashlib import sha256

FUZZ_SEED = 11
FUZZ_SCENARIOS = 80


def edge_scenarios():
    S = []
    U='mei_wilson_7043'; GC='gift_card_5107860'; CERT='certificate_9801805'; CC='credit_card_7535171'
    P1=[{"first_name":"Mei","last_name":"Wilson","dob":"1984-11-22"}]
    P2=P1+[{"first_name":"Juan","last_name":"Patel","dob":"1964-03-14"}]
    def book(**over):
        kw=dict(user_id=U, origin="PHL", destination="LGA", flight_type="one_way", cabin="economy",
                flights=[{"flight_number":"HAT001","date":"2024-05-20"}], passengers=P1,
                payment_methods=[{"payment_id":CERT,"amount":100},{"payment_id":GC,"amount":117}],
                total_baggages=1, nonfree_baggages=1, insurance="yes")
        kw.update(over); return {"name":"book_reservation","kwargs":kw}
    def a(name, **kw): return {"name":name,"kwargs":kw}
    def sc(*acts): S.append({"actions":list(acts)})
    # book
    sc(book())
    sc(book(user_id="nobody"))
    sc(book(flights=[{"flight_number":"HAT999","date":"2024-05-20"}]))
    sc(book(flights=[{"flight_number":"HAT001","date":"2024-06-01"}]))
    sc(book(flights=[{"flight_number":"HAT001","date":"2024-05-03"}]))
    sc(book(flights=[{"flight_number":"HAT002","date":"2024-05-24"}]))
    sc(book(payment_methods=[{"payment_id":"credit_card_0000000","amount":217}]))
    sc(book(payment_methods=[{"payment_id":GC,"amount":177},{"payment_id":CC,"amount":40}]))
    sc(book(payment_methods=[{"payment_id":CC,"amount":200}]))
    sc(book(payment_methods=[{"payment_id":CC,"amount":217.0}]))
    sc(book(payment_methods=[{"payment_id":CC,"amount":100.1},{"payment_id":CC,"amount":116.2},{"payment_id":CC,"amount":0.7}]))
    sc(book(payment_methods=[{"payment_id":CERT,"amount":100},{"payment_id":CERT,"amount":117}]))
    sc(book(payment_methods=[{"payment_id":GC,"amount":100},{"payment_id":GC,"amount":117}]))
    sc(book(cabin="first"))
    sc(book(nonfree_baggages="1"))
    sc(book(nonfree_baggages=1.0, payment_methods=[{"payment_id":CC,"amount":217}]))
    sc(book(passengers="ab"))
    sc(book(flights="", insurance="no", nonfree_baggages=0, payment_methods=[]))
    sc(book(flights=[{"date":"2024-05-20"}]))
    sc(book(user_id=["x"]))
    sc(book(payment_methods=[{"payment_id":CC,"amount":"217"}]))
    sc(book(payment_methods=[{"payment_id":GC,"amount":"217"}]))
    sc(book(), book(), book(), book(), a("get_user_details", user_id=U))
    sc(book(passengers=P2, payment_methods=[{"payment_id":CC,"amount":137*2+30*2+50}]))
    sc(a("book_reservation", user_id=U))
    sc(a("book_reservation", user_id=U, foo=1))
    sc(a("nope"))
    # cancel
    sc(a("cancel_reservation", reservation_id="3ELCIO"), a("cancel_reservation", reservation_id="3ELCIO"))
    sc(a("cancel_reservation", reservation_id="ZZZZZZ"))
    sc(book(payment_methods=[{"payment_id":CC,"amount":217.0}]), a("cancel_reservation", reservation_id="HATHAT"))
    sc(book(flights="", insurance="no", nonfree_baggages=0, payment_methods=""), a("cancel_reservation", reservation_id="HATHAT"))
    # details
    sc(a("get_reservation_details", reservation_id="ZZZZZZ"), a("get_user_details", user_id="ZZ"), a("get_reservation_details", reservation_id=5), a("get_user_details", user_id={"a":1}))
    sc(a("list_all_airports"), a("think", thought="x"), a("transfer_to_human_agents", summary="s"))
    # search
    sc(a("search_direct_flight", origin="PHL", destination="LGA", date="2024-05-20"), a("search_direct_flight", origin="PHL", destination="LGA", date="2024-05-10"))
    sc(a("search_onestop_flight", origin="LGA", destination="DTW", date="2024-05-20"))
    sc(a("search_onestop_flight", origin="LGA", destination="DTW", date="2024-05-08"))
    sc(a("search_onestop_flight", origin="LGA", destination="DTW", date="2024-05-x"))
    sc(a("search_onestop_flight", origin="LGA", destination="DTW", date=20))
    sc(a("search_onestop_flight", origin="LGA", destination="DTW", date=["2024-05-20"]))
    sc(a("search_onestop_flight", origin="LAX", destination="CLT", date="2024-05-19"))
    sc(a("search_onestop_flight", origin="SFO", destination="JFK", date="2024-05-30"))
    sc(a("search_direct_flight", origin="PHL", destination="LGA", date=["x"]))
    # send certificate
    sc(a("send_certificate", user_id=U, amount=150), a("send_certificate", user_id=U, amount=50.5), a("send_certificate", user_id=U, amount="7"), a("send_certificate", user_id=U, amount=1))
    sc(a("send_certificate", user_id="nobody", amount=150))
    # baggages
    sc(a("update_reservation_baggages", reservation_id="3ELCIO", total_baggages=3, nonfree_baggages=2, payment_id=GC))
    sc(a("update_reservation_baggages", reservation_id="3ELCIO", total_baggages=5, nonfree_baggages=4, payment_id=GC))
    sc(a("update_reservation_baggages", reservation_id="3ELCIO", total_baggages=3, nonfree_baggages=2, payment_id=CERT))
    sc(a("update_reservation_baggages", reservation_id="3ELCIO", total_baggages=3, nonfree_baggages=2, payment_id="credit_card_0000000"))
    sc(a("update_reservation_baggages", reservation_id="ZZZZZZ", total_baggages=3, nonfree_baggages=2, payment_id=GC))
    sc(a("update_reservation_baggages", reservation_id="3ELCIO", total_baggages=0, nonfree_baggages=0, payment_id=GC))
    sc(a("update_reservation_baggages", reservation_id="3ELCIO", total_baggages=0, nonfree_baggages=0.0, payment_id=GC))
    sc(a("update_reservation_baggages", reservation_id="3ELCIO", total_baggages=2, nonfree_baggages=1.5, payment_id=GC))
    sc(a("update_reservation_baggages", reservation_id="3ELCIO", total_baggages=2, nonfree_baggages="2", payment_id=GC))
    sc(a("update_reservation_baggages", reservation_id="3ELCIO", total_baggages=2, nonfree_baggages=-1, payment_id=CC))
    sc(book(flights="", insurance="no", nonfree_baggages=0, payment_methods={}), a("update_reservation_baggages", reservation_id="HATHAT", total_baggages=2, nonfree_baggages=1, payment_id=CC))
    # flights
    F=lambda *x: [{"flight_number":n,"date":d} for n,d in x]
    sc(a("update_reservation_flights", reservation_id="3ELCIO", cabin="economy", flights=F(("HAT228","2024-05-19"),("HAT270","2024-05-21")), payment_id=GC))
    sc(a("update_reservation_flights", reservation_id="3ELCIO", cabin="business", flights=F(("HAT228","2024-05-19"),("HAT270","2024-05-21")), payment_id=CC), a("update_reservation_flights", reservation_id="3ELCIO", cabin="business", flights=F(("HAT228","2024-05-19"),("HAT270","2024-05-21")), payment_id=CC))
    sc(a("update_reservation_flights", reservation_id="3ELCIO", cabin="business", flights=F(("HAT228","2024-05-19"),("HAT270","2024-05-21")), payment_id=GC))
    sc(a("update_reservation_flights", reservation_id="3ELCIO", cabin="economy", flights=F(("HAT228","2024-05-19"),("HAT270","2024-05-21")), payment_id=CERT))
    sc(a("update_reservation_flights", reservation_id="3ELCIO", cabin="economy", flights=F(("HAT228","2024-05-19"),("HAT999","2024-05-21")), payment_id=GC))
    sc(a("update_reservation_flights", reservation_id="3ELCIO", cabin="economy", flights=F(("HAT228","2024-05-19"),("HAT270","2024-05-02")), payment_id=GC))
    sc(a("update_reservation_flights", reservation_id="3ELCIO", cabin="business", flights=F(("HAT228","2024-05-19"),("HAT270","2024-05-20")), payment_id=CC))
    sc(a("update_reservation_flights", reservation_id="3ELCIO", cabin="economy", flights=F(("HAT228","2024-05-19"),("HAT270","2024-05-20")), payment_id=GC))
    sc(a("update_reservation_flights", reservation_id="3ELCIO", cabin="economy", flights=F(("HAT228","2024-05-19")), payment_id=GC))
    sc(a("update_reservation_flights", reservation_id="3ELCIO", cabin="first", flights=F(("HAT228","2024-05-19")), payment_id=GC))
    sc(a("update_reservation_flights", reservation_id="3ELCIO", cabin="economy", flights=[{"date":"2024-05-19"}], payment_id=GC))
    sc(a("update_reservation_flights", reservation_id="3ELCIO", cabin="economy", flights="HAT", payment_id=GC))
    sc(a("update_reservation_flights", reservation_id="ZZZZZZ", cabin="economy", flights=[], payment_id=GC))
    sc(a("update_reservation_flights", reservation_id="3ELCIO", cabin="economy", flights=[], payment_id="nope"))
    # passengers
    sc(a("update_reservation_passengers", reservation_id="3ELCIO", passengers=P2))
    sc(a("update_reservation_passengers", reservation_id="3ELCIO", passengers=[{"first_name":"A","last_name":"B","dob":"2000-01-01"}]))
    sc(a("update_reservation_passengers", reservation_id="3ELCIO", passengers="x"))
    sc(a("update_reservation_passengers", reservation_id="3ELCIO", passengers=5))
    sc(a("update_reservation_passengers", reservation_id="ZZZZZZ", passengers=P1))
    # calculate
    sc(*[a("calculate", expression=e) for e in ["2+2","(137+30)*2","1/3","1/0","2**10","1e5","","abc","7//2","(1"]])
    # Python 3.12+ sum(): ten payments of 21.7 add up to exactly 217 (3.11: 216.99999999999994)
    sc(book(payment_methods=[{"payment_id":CC,"amount":21.7}]*10))
    sc(a("search_onestop_flight", origin="LGA", destination="DTW", date={"d": 1}))
    # non-ASCII and quote characters reach json.dumps (ensure_ascii) and the hash (repr)
    for name in ["José", "Zoë 😀", "O'Brien", 'a"b', "tab\there", "nbsp\u00a0x", "\u200b", "both'\""]:
        sc(book(passengers=[{"first_name":name,"last_name":"L","dob":"1990-01-01"}],
                payment_methods=[{"payment_id":CC,"amount":217}]),
           a("update_reservation_passengers", reservation_id="3ELCIO",
             passengers=[{"first_name":name,"last_name":name,"dob":"x"}]))
    return S


def fuzz_scenarios(D):
    rng = random.Random(FUZZ_SEED)
    N = FUZZ_SCENARIOS
    F=json.load(open(D+'flights.json')); R=json.load(open(D+'reservations.json')); U=json.load(open(D+'users.json'))
    avail=[(fn,dt) for fn,x in F.items() for dt,d in x['dates'].items() if d['status']=='available']
    uids=[u for u,x in U.items() if x['reservations']]
    def split(total, methods):
        # split total among 1-3 methods, sometimes floats
        k=rng.randint(1,min(3,len(methods))); ms=rng.sample(methods,k)
        out=[]; left=total
        for i,m in enumerate(ms):
            if i==k-1: amt=left
            else:
                amt=rng.randint(0,max(0,int(left))) if rng.random()<0.7 else round(rng.uniform(0,left),2)
            left=left-amt
            out.append({"payment_id":m,"amount":amt})
        if rng.random()<0.3:
            for p in out:
                if isinstance(p['amount'],int) and rng.random()<0.5: p['amount']=float(p['amount'])
        return out
    def fbook(uid):
        u=U[uid]; cabin=rng.choice(['basic_economy','economy','business'])
        segs=rng.sample(avail, rng.randint(1,3)); n=rng.randint(1,3)
        ins=rng.choice(['yes','no']); nonfree=rng.randint(0,3)
        total=sum(F[fn]['dates'][dt]['prices'][cabin]*n for fn,dt in segs)+(30*n if ins=='yes' else 0)+50*nonfree
        if rng.random()<0.15: total+=rng.choice([1,-1,0.5])
        pays=split(total, list(u['payment_methods']))
        return {"name":"book_reservation","kwargs":dict(user_id=uid,origin="A",destination="B",flight_type="one_way",cabin=cabin,
            flights=[{"flight_number":a,"date":b} for a,b in segs],passengers=[{"first_name":"P%d"%i,"last_name":"Q","dob":"1990-01-01"} for i in range(n)],
            payment_methods=pays,total_baggages=nonfree+rng.randint(0,2),nonfree_baggages=nonfree,insurance=ins)}
    def upf(uid, rid):
        r=R.get(rid); cabin=rng.choice(['basic_economy','economy','business']) if rng.random()<0.5 else (r['cabin'] if r else 'economy')
        segs=[]
        if r:
            for f in r['flights']:
                if rng.random()<0.6: segs.append({"flight_number":f['flight_number'],"date":f['date']})
        for _ in range(rng.randint(0,2)):
            a,b=rng.choice(avail); segs.insert(rng.randint(0,len(segs)),{"flight_number":a,"date":b})
        return {"name":"update_reservation_flights","kwargs":dict(reservation_id=rid,cabin=cabin,flights=segs,payment_id=rng.choice(list(U[uid]['payment_methods'])))}
    def bag(uid,rid):
        return {"name":"update_reservation_baggages","kwargs":dict(reservation_id=rid,total_baggages=rng.randint(0,5),nonfree_baggages=rng.choice([0,1,2,3,1.0,2.5]),payment_id=rng.choice(list(U[uid]['payment_methods'])))}
    S = []
    for _ in range(N):
        uid=rng.choice(uids); rids=U[uid]['reservations']
        acts=[]
        for _ in range(rng.randint(1,4)):
            t=rng.random(); rid=rng.choice(rids+['HATHAT'])
            if t<0.35: acts.append(fbook(uid))
            elif t<0.65: acts.append(upf(uid,rid))
            elif t<0.8: acts.append(bag(uid,rid))
            elif t<0.9: acts.append({"name":"cancel_reservation","kwargs":{"reservation_id":rid}})
            else: acts.append({"name":"send_certificate","kwargs":{"user_id":uid,"amount":rng.choice([50,100,50.5])}})
        acts.append({"name":"get_user_details","kwargs":{"user_id":uid}})
        S.append({"actions":acts})
    return S


def to_hashable(item):
    if isinstance(item, dict):
        return tuple((k, to_hashable(v)) for k, v in sorted(item.items()))
    if isinstance(item, list):
        return tuple(to_hashable(e) for e in item)
    return item


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tau-bench", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    root = os.path.abspath(args.tau_bench)
    # import only the airline tools and data loader, not the package __init__ (which needs LLM clients)
    for p in ["tau_bench", "tau_bench.envs", "tau_bench.envs.airline"]:
        m = types.ModuleType(p)
        m.__path__ = [os.path.join(root, *p.split("."))]
        sys.modules[p] = m
    from tau_bench.envs.airline.tools import ALL_TOOLS
    from tau_bench.envs.airline.data import load_data, FOLDER_PATH
    tools = {t.get_info()["function"]["name"]: t for t in ALL_TOOLS}
    D = FOLDER_PATH + "/"
    scenarios = edge_scenarios() + fuzz_scenarios(D)
    blob = pickle.dumps(load_data())
    out = []
    for s in scenarios:
        data = pickle.loads(blob)
        obs = []
        for a in s["actions"]:
            if a["name"] in tools:
                try:
                    o = tools[a["name"]].invoke(data=data, **copy.deepcopy(a["kwargs"]))
                except Exception as e:
                    o = f"Error: {e}"
            else:
                o = f"Unknown action {a['name']}"
            obs.append(o)
        h = sha256(str(to_hashable(data)).encode("utf-8")).hexdigest()
        out.append({"actions": s["actions"], "observations": obs, "data_hash": h})
    doc = {"source": "upstream tau-bench airline tools run by core/src/test/python/gen_airline_edge_vectors.py",
           "python": platform.python_version(), "scenarios": out}
    with open(args.out, "w") as f:
        json.dump(doc, f, indent=0)


if __name__ == "__main__":
    main()
